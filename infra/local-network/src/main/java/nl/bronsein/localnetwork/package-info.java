/**
 * The one-command local Bronsein network: dev PKI, participant list, a Kafka broker and three node processes (GP
 * practice, municipality, care provider), and the demo that plays a referral story through all three.
 */
package nl.bronsein.localnetwork;
