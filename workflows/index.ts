// The workflow bundle's entry point: every workflow type the worker registers.
export { dunningWorkflow } from './dunning.js';
