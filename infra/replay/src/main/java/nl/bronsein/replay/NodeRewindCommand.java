package nl.bronsein.replay;

import java.io.PrintStream;

import org.springframework.web.client.ResourceAccessException;

import nl.bronsein.staffclient.AdminApi.RewindRequest;
import nl.bronsein.staffclient.AdminApi.RewindResult;
import nl.bronsein.staffclient.StaffApiException;
import nl.bronsein.staffclient.StaffClient;

/**
 * {@code rewind --node URL}: asks a running node to rewind itself through its staff API, because only the node can
 * forget what it handled (its inbox) and what it derived, so that reading again means handling again.
 */
final class NodeRewindCommand {

    private final ReplayOptions.NodeRewind options;
    private final PrintStream out;

    NodeRewindCommand(ReplayOptions.NodeRewind options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    int run() {
        // a rewind with a rebuild forgets and re-reads: it may take longer than a connection
        StaffClient node = StaffClient.connect(options.node(), options.token(), options.timeout().multipliedBy(6));
        RewindResult result;
        try {
            result = node.admin().rewind(new RewindRequest(options.to(), options.rebuild()));
        } catch (StaffApiException e) {
            throw new ReplayException(ReplayMain.EXIT_REFUSED, "the node at " + options.node() + " answered "
                    + e.status() + ": " + ReplayException.oneLine(e.body()));
        } catch (ResourceAccessException e) {
            throw new ReplayException(ReplayMain.EXIT_KAFKA, "cannot reach the node at " + options.node() + " ("
                    + (e.getCause() == null ? e.getClass() : e.getCause().getClass()).getSimpleName() + ")");
        }
        out.println("rewound " + result.consumerGroup() + (options.rebuild() ? " and rebuilt" : "") + ": "
                + result.forgottenNotifications() + " notification(s) to handle again");
        result.offsets().forEach((partition, offset) -> out.println("  " + partition + " -> " + offset));
        return ReplayMain.EXIT_OK;
    }
}
