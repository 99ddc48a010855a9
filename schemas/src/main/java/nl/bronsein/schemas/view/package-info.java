/**
 * The pull API's contract: the views an owner returns for a purpose, as JSON. Like the notification schemas they are
 * federated agreements, so owner and consumer share one definition. Owners may add fields; consumers ignore fields
 * they do not know, so adding is compatible. A status or outcome is an enum of this package ({@link
 * nl.bronsein.schemas.view.CaseStatus}, {@link nl.bronsein.schemas.view.AssignmentStatus}, {@link
 * nl.bronsein.schemas.view.DecisionOutcome}): the one vocabulary the owner keeps and every reader switches on, so a
 * constant added for the owner does not compile at a reader until the reader says what it means. Constants are only
 * appended; a reader still on an older release reads a constant it does not know as {@code null} (each enum field says
 * so), keeps the rest of the view and handles the unknown explicitly.
 */
package nl.bronsein.schemas.view;
