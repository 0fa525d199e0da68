package dev.btpboot.destination.ldap;

import java.util.concurrent.Callable;

import javax.naming.NamingException;
import javax.net.SocketFactory;

/**
 * The socket factory JNDI finds by class name ({@code java.naming.ldap.factory.socket}) while
 * {@link DestinationLdapContextSource} opens a connection on the same thread: the SOCKS5 tunnel
 * with the location id of that connection's destination. JNDI calls the static
 * {@link #getDefault()} and connects before the context is returned, on the calling thread.
 */
public final class DestinationLdapSocketFactory {

	private static final ThreadLocal<SocketFactory> OPENING = new ThreadLocal<>();

	private DestinationLdapSocketFactory() {
	}

	/**
	 * @return the tunnel of the connection being opened on this thread
	 * @throws IllegalStateException when no connection of an LDAP destination is being opened
	 */
	public static SocketFactory getDefault() {
		SocketFactory factory = OPENING.get();
		if (factory == null) {
			throw new IllegalStateException("DestinationLdapSocketFactory serves only connections that the context "
					+ "source of btp.connectivity.ldap.destination opens");
		}
		return factory;
	}

	static <T> T opening(SocketFactory tunnel, Callable<T> open) throws NamingException {
		OPENING.set(tunnel);
		try {
			return open.call();
		}
		catch (NamingException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			OPENING.remove();
		}
	}

}
