package dev.btpboot.data;

import dev.btpboot.binding.HanaCredentials;
import dev.btpboot.binding.PostgresCredentials;
import dev.btpboot.binding.ServiceBinding;
import dev.btpboot.binding.ServiceBindingException;
import dev.btpboot.binding.ServiceBindings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * Spring Boot's {@link JdbcConnectionDetails} of the bound database: Boot's DataSource, Flyway,
 * Liquibase, health and metrics connect with them. Every call answers with the binding's current
 * version, so a rotated Kubernetes binding's user and password reach whoever asks next (the pool,
 * through {@link BindingCredentialsProvider}, for each new connection).
 */
final class BindingJdbcConnectionDetails implements JdbcConnectionDetails {

	private static final Log logger = LogFactory.getLog(BindingJdbcConnectionDetails.class);

	private final ServiceBindings bindings;

	private volatile Resolved resolved;

	/**
	 * @param bindings the application's bindings
	 * @param binding the database binding to use
	 * @throws ServiceBindingException when its credentials are incomplete or malformed
	 */
	BindingJdbcConnectionDetails(ServiceBindings bindings, ServiceBinding binding) {
		this.bindings = bindings;
		this.resolved = resolve(binding, DatabaseBindings.Kind.of(binding, bindings));
	}

	/** @return the binding the details come from, its current version */
	ServiceBinding binding() {
		return current().binding();
	}

	/** @return whether the bound database is PostgreSQL or SAP HANA */
	DatabaseBindings.Kind kind() {
		return this.resolved.kind();
	}

	@Override
	public String getJdbcUrl() {
		return current().url();
	}

	@Override
	public String getUsername() {
		return current().username();
	}

	@Override
	public String getPassword() {
		return current().password();
	}

	@Override
	public String getDriverClassName() {
		return current().driverClassName();
	}

	/**
	 * The details of the binding's current version; a rotated version whose credentials are
	 * incomplete is reported once and the previous one stays in use.
	 */
	Resolved current() {
		Resolved resolved = this.resolved;
		ServiceBinding current = DatabaseBindings.current(this.bindings, resolved.binding());
		if (current == resolved.binding()) {
			return resolved;
		}
		synchronized (this) {
			if (this.resolved.binding() != current) {
				try {
					this.resolved = resolve(current, resolved.kind());
					logger.info("Database binding '" + current.name() + "' was rotated; new connections use its "
							+ "new credentials");
				}
				catch (ServiceBindingException ex) {
					logger.warn("The rotated database binding is not usable; new connections keep using the "
							+ "previous version. " + ex.getMessage() + ". " + ex.getAction());
					this.resolved = new Resolved(current, resolved.kind(), resolved.url(), resolved.username(),
							resolved.password(), resolved.driverClassName());
				}
			}
			return this.resolved;
		}
	}

	private static Resolved resolve(ServiceBinding binding, DatabaseBindings.Kind kind) {
		if (kind == DatabaseBindings.Kind.HANA) {
			HanaCredentials credentials = HanaCredentials.from(binding);
			return new Resolved(binding, kind, JdbcUrls.hana(credentials), credentials.user(), credentials.password(),
					JdbcUrls.hanaDriver(credentials));
		}
		PostgresCredentials credentials = PostgresCredentials.from(binding);
		return new Resolved(binding, kind, JdbcUrls.postgres(credentials), credentials.username(),
				credentials.password(), "org.postgresql.Driver");
	}

	/** Shows the binding and URL, never the password. */
	@Override
	public String toString() {
		Resolved resolved = this.resolved;
		return "BindingJdbcConnectionDetails[binding=" + resolved.binding().name() + ", url=" + resolved.url()
				+ ", username=" + resolved.username() + "]";
	}

	/** One version of the binding, read. */
	record Resolved(ServiceBinding binding, DatabaseBindings.Kind kind, String url, String username, String password,
			String driverClassName) {

		@Override
		public String toString() {
			return "Resolved[binding=" + this.binding.name() + ", url=" + this.url + "]";
		}

	}

}
