package dev.btpboot.data.tenant;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import com.zaxxer.hikari.HikariDataSource;
import dev.btpboot.security.BtpUser;
import dev.btpboot.testing.TestPostgres;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What the data benchmarks share: an embedded PostgreSQL 17 on loopback with TLS and password
 * authentication (the autoconfigure tests' {@link TestPostgres}), a database its application user
 * owns, and Hikari pools connecting to it over TLS (verify-full) as the starter does.
 */
final class TenantDatabase implements AutoCloseable {

	static final String USER = "bench";

	private static final String PASSWORD = "Bench-S3cr3t";

	private final TestPostgres postgres = new TestPostgres();

	TenantDatabase() {
		this.postgres.start();
		this.postgres.createUserAndDatabase(USER, PASSWORD, "bench");
	}

	/**
	 * @param size the pool size
	 * @return a new pool of the application user, connections verified as the starter does
	 */
	HikariDataSource pool(int size) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl("jdbc:postgresql://localhost:" + this.postgres.port() + "/bench?sslmode=verify-full"
				+ "&sslfactory=dev.btpboot.data.PemTrustSocketFactory&sslfactoryarg="
				+ URLEncoder.encode(this.postgres.ca().certificatePem(), StandardCharsets.UTF_8));
		pool.setUsername(USER);
		pool.setPassword(PASSWORD);
		pool.setMaximumPoolSize(size);
		pool.setMinimumIdle(size);
		return pool;
	}

	/**
	 * @param statements SQL run as the superuser in the benchmark database
	 */
	void execute(String... statements) {
		this.postgres.executeIn("bench", statements);
	}

	/** Puts a user of the tenant into the current thread's security context, as a request or {@code runAs} does. */
	static void actAs(String tenant) {
		if (tenant == null) {
			SecurityContextHolder.clearContext();
			return;
		}
		BtpUser user = new BtpUser("user-of-" + tenant, tenant, null, Set.of(), null, null, null);
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, List.of()));
	}

	@Override
	public void close() {
		this.postgres.close();
	}

}
