// Which failures of a signal or update mean the workflow has closed (nothing left to change), as the
// Temporal client reports them. Anything else — the server unreachable, a namespace or other "not found",
// a refused update — is not a closed workflow and must be retried or surfaced, never swallowed.
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';

/**
 * The server's failure for an update it had accepted when the run completed before the update did
 * (temporalio/temporal service/history/workflow/update: acceptedUpdateCompletedWorkflowFailure).
 */
export const UPDATE_OUTLIVED_RUN = 'AcceptedUpdateCompletedWorkflow';

/**
 * A signal or update that reached no running workflow: the client maps the server's NOT_FOUND for the
 * execution ("workflow execution already completed", or no such workflow) to WorkflowNotFoundError;
 * an update accepted just before the run completed fails with the server's completed-workflow failure.
 */
export function isClosedWorkflow(error: unknown): boolean {
  if (error instanceof WorkflowNotFoundError) return true;
  return (
    error instanceof WorkflowUpdateFailedError &&
    error.cause instanceof ApplicationFailure &&
    error.cause.type === UPDATE_OUTLIVED_RUN
  );
}
