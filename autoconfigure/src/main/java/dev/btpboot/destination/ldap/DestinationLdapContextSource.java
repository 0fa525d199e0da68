package dev.btpboot.destination.ldap;

import java.util.Hashtable;

import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;

import dev.btpboot.destination.DestinationException;
import dev.btpboot.destination.DestinationException.Step;
import dev.btpboot.destination.DestinationOptions;
import dev.btpboot.destination.DestinationService;
import dev.btpboot.destination.DestinationSockets;
import dev.btpboot.destination.LdapDestination;
import dev.btpboot.destination.ProxyType;
import dev.btpboot.security.CurrentUser;

import org.springframework.ldap.core.support.LdapContextSource;

/**
 * A context source whose URL, bind DN and password come from an LDAP destination, looked up for
 * each connection (from the cache); {@code OnPremise} destinations connect through the SOCKS5
 * tunnel with their location id, others directly. Base DN and base environment stay those of
 * {@code spring.ldap.*}.
 */
final class DestinationLdapContextSource extends LdapContextSource {

	static final String SOCKET_FACTORY = "java.naming.ldap.factory.socket";

	private static final String BIND_USER = "cn=ldap.user of the destination";

	private final String name;

	private final DestinationOptions options;

	private final DestinationService destinations;

	private final DestinationSockets sockets;

	DestinationLdapContextSource(String name, DestinationOptions options, DestinationService destinations,
			DestinationSockets sockets) {
		this.name = name;
		this.options = options;
		this.destinations = destinations;
		this.sockets = sockets;
		// Replaced for every connection: the context source insists on a URL at start-up, and its
		// own bind user (not one given to getContext(principal, credentials)) is recognised by this name.
		setUrl("ldap://destination.invalid");
		setUserDn(BIND_USER);
		setPassword(BIND_USER);
	}

	@Override
	protected DirContext getDirContextInstance(Hashtable<String, Object> environment) throws NamingException {
		LdapDestination destination = this.destinations.require(this.name, this.options, LdapDestination.class,
				CurrentUser.get().orElse(null));
		Hashtable<String, Object> env = new Hashtable<>(environment);
		env.put(Context.PROVIDER_URL, destination.url());
		if (BIND_USER.equals(env.get(Context.SECURITY_PRINCIPAL))) {
			if (destination.user() != null) {
				env.put(Context.SECURITY_PRINCIPAL, destination.user());
				env.put(Context.SECURITY_CREDENTIALS, (destination.password() != null) ? destination.password() : "");
			}
			else {
				env.remove(Context.SECURITY_PRINCIPAL);
				env.remove(Context.SECURITY_CREDENTIALS);
				env.put(Context.SECURITY_AUTHENTICATION, "none");
			}
		}
		if (destination.proxyType() != ProxyType.ON_PREMISE) {
			env.remove(SOCKET_FACTORY);
			return super.getDirContextInstance(env);
		}
		if (destination.url().startsWith("ldaps:")) {
			// JNDI would use the tunnel instead of TLS: refuse rather than send credentials in clear.
			throw new DestinationException(this.name, null, Step.CONNECT,
					"ldaps:// through the connectivity proxy is not supported; use ldap:// (the Cloud Connector "
							+ "can secure the route to the directory)");
		}
		env.put(SOCKET_FACTORY, DestinationLdapSocketFactory.class.getName());
		return DestinationLdapSocketFactory.opening(this.sockets.socketFactory(destination),
				() -> super.getDirContextInstance(env));
	}

}
