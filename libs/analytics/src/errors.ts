/** A window state that is not what the window function wrote (another version, a damaged object). */
export class WindowStateError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WindowStateError';
  }
}

/** The forecasting library could not be loaded or failed on a series. */
export class ForecastError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ForecastError';
  }
}
