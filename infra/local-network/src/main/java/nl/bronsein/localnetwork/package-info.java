/** The one-command local Bronsein network: dev PKI, participant list, a Kafka broker and two node processes. */
package nl.bronsein.localnetwork;
