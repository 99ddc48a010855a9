/**
 * The local network's OpenID Connect provider: Spring Authorization Server with a client per node and a development
 * user per staff role, signing with the network's development staff-issuer key.
 */
package nl.bronsein.identityprovider;
