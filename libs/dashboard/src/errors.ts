/** Named errors of the dashboard; each keeps the underlying `cause`. */
export class DashboardError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The page's browser code could not be bundled (a broken client source or a missing uPlot). */
export class DashboardBuildError extends DashboardError {}

/** The page asked for a time range the dashboard does not offer (answered 400, naming the ranges). */
export class DashboardRangeError extends DashboardError {}

/**
 * A panel's source is not deployed where the dashboard reads (the window function's tables on a pipeline without
 * it): the page shows the reason as a notice, not as a failed query.
 */
export class PanelSourceMissingError extends DashboardError {}
