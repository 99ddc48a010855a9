/**
 * {@code replay}: a command-line tool for integration testers of the notification topics. {@code dump} writes the
 * records of the {@code bronsein.*} topics as JSON lines (CloudEvents attributes, decoded body, exact bytes),
 * {@code publish} publishes such a file again (optionally as another source), {@code rewind} moves a stopped node's
 * consumer group back. See {@link nl.bronsein.replay.ReplayMain}.
 */
package nl.bronsein.replay;
