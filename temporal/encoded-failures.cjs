// Failures (messages and stack traces) travel as an encoded payload instead of plain text, so the
// payload codec encrypts them too: an error message may quote what a provider said about a debtor.
// Plain CommonJS: the worker's bundler, the worker and every client load it by path.
const { DefaultFailureConverter } = require('@temporalio/common');

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
