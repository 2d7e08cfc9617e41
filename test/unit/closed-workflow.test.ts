// Which Temporal client errors mean "the workflow has closed" (nothing left to tell it) and which must be
// retried: the SDK's own error classes, as signals and updates throw them.
import { ServiceError, WorkflowUpdateFailedError } from '@temporalio/client';
import {
  ApplicationFailure,
  NamespaceNotFoundError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { isClosedWorkflow } from '../../api/webhooks/processor.js';
import { UPDATE_OUTLIVED_RUN } from '../../api/workflow-errors.js';
import { REFUSAL_TYPES } from '../../workflows/commands/refusal.js';

const failure = (type: string, message: string) =>
  ApplicationFailure.create({ type, message, nonRetryable: true });

describe('isClosedWorkflow', () => {
  it.each<[string, unknown]>([
    // The client maps the server's NOT_FOUND for a signal or update to a completed run to this class.
    [
      'a signal or update to a completed run',
      new WorkflowNotFoundError('workflow execution already completed', 'settle-t-INV-1', undefined),
    ],
    ['a workflow id the server does not know', new WorkflowNotFoundError('workflow not found', 'wf', 'run')],
    [
      'an update accepted just before the run completed',
      new WorkflowUpdateFailedError(
        'Workflow Update failed',
        failure(
          UPDATE_OUTLIVED_RUN,
          'Workflow Update failed because the Workflow completed before the Update completed.',
        ),
      ),
    ],
  ])('closed: %s', (_case, error) => {
    expect(isClosedWorkflow(error)).toBe(true);
  });

  it.each<[string, unknown]>([
    // Each of these says "not found" or "already completed" in its message, yet the workflow may run on.
    ['an unknown namespace (misconfiguration: retry once fixed)', new NamespaceNotFoundError('settle')],
    [
      'a gRPC failure the client could not classify',
      new ServiceError('Failed to signal Workflow', { cause: new Error('5 NOT_FOUND: route not found') }),
    ],
    ['a database error', new Error('relation "payments" not found')],
    ['a plain error that merely says so', new Error('workflow execution already completed')],
    [
      'an update the workflow refused',
      new WorkflowUpdateFailedError(
        'Workflow Update failed',
        failure(REFUSAL_TYPES.notAllowed, 'not found in plan'),
      ),
    ],
    [
      'an update failed without an application failure',
      new WorkflowUpdateFailedError('already completed', undefined),
    ],
    [
      'a start that found a run',
      new WorkflowExecutionAlreadyStartedError('already started', 'wf', 'dunning'),
    ],
    ['not an error at all', 'not found'],
  ])('not closed: %s', (_case, error) => {
    expect(isClosedWorkflow(error)).toBe(false);
  });
});
