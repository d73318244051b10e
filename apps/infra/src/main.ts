import { buildApp } from './app';
import { loadConfig } from './config';

buildApp(loadConfig()).synth();
