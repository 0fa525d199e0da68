package dev.btpboot.data;

import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariCredentialsProvider;
import com.zaxxer.hikari.util.Credentials;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Hands Hikari the user and password of the database binding's current version each time it
 * opens a connection, so a rotated binding reaches new connections without a restart while the
 * connections already open (and in use) stay as they are until Hikari retires them
 * ({@code maxLifetime}). A rotation that moves the database elsewhere cannot be followed by the
 * pool: it is reported once.
 */
final class BindingCredentialsProvider implements HikariCredentialsProvider {

	private static final Log logger = LogFactory.getLog(BindingCredentialsProvider.class);

	private final BindingJdbcConnectionDetails details;

	private final String poolUrl;

	private final AtomicBoolean movedReported = new AtomicBoolean();

	/**
	 * @param details the bound database
	 * @param poolUrl the URL the pool was created with
	 */
	BindingCredentialsProvider(BindingJdbcConnectionDetails details, String poolUrl) {
		this.details = details;
		this.poolUrl = poolUrl;
	}

	@Override
	public Credentials getCredentials() {
		BindingJdbcConnectionDetails.Resolved current = this.details.current();
		if (this.poolUrl != null && !this.poolUrl.equals(current.url()) && this.movedReported.compareAndSet(false, true)) {
			logger.warn("The rotated database binding '" + current.binding().name() + "' names another host, "
					+ "database or certificate than the connection pool was created with; the pool keeps "
					+ "connecting where it did (with the new credentials). Restart the application to follow it.");
		}
		return Credentials.of(current.username(), current.password());
	}

}
