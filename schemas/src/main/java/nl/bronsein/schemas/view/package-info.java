/**
 * The pull API's contract: the views an owner returns for a purpose, as JSON. Like the notification schemas they are
 * federated agreements, so owner and consumer share one definition. Owners may add fields; consumers ignore fields
 * they do not know, so adding is compatible.
 */
package nl.bronsein.schemas.view;
