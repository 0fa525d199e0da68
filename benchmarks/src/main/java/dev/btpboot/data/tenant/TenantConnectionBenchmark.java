package dev.btpboot.data.tenant;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A connection checkout (and its return) with the tenant binding of
 * {@code btp.tenancy.data.isolation=schema} against plain Hikari, same database, same pool
 * settings (target: at most +5 µs per checkout). The tenant variants run with a user of a tenant
 * in the thread's security context, as a request does: the same tenant throughout (the pooled
 * connection is already bound: no round trip), or two tenants in turn (every checkout rebinds: one
 * round trip to the database).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class TenantConnectionBenchmark {

	private TenantDatabase database;

	private HikariDataSource plain;

	private HikariDataSource pooled;

	private TenantSchemaDataSource bound;

	@Setup(Level.Trial)
	public void start() {
		this.database = new TenantDatabase();
		this.database.execute("CREATE SCHEMA tenant_a AUTHORIZATION " + TenantDatabase.USER,
				"CREATE SCHEMA tenant_b AUTHORIZATION " + TenantDatabase.USER);
		this.plain = this.database.pool(4);
		this.pooled = this.database.pool(4);
		this.bound = new TenantSchemaDataSource(this.pooled,
				new TenantSchemaResolver((tenant) -> "tenant_" + tenant, Set.of()));
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.plain.close();
		this.pooled.close();
		this.database.close();
	}

	/** The tenant of the benchmark thread's requests. */
	@State(Scope.Thread)
	public static class Requests {

		private long count;

		@Setup(Level.Trial)
		public void actAsTenantA() {
			TenantDatabase.actAs("a");
		}

		String nextOfTwoTenants() {
			return ((this.count++ & 1) == 0) ? "a" : "b";
		}

	}

	@Benchmark
	public void plainHikari(Requests requests, Blackhole blackhole) throws SQLException {
		try (Connection connection = this.plain.getConnection()) {
			blackhole.consume(connection);
		}
	}

	@Benchmark
	public void tenantBindingSameTenant(Requests requests, Blackhole blackhole) throws SQLException {
		try (Connection connection = this.bound.getConnection()) {
			blackhole.consume(connection);
		}
	}

	@Benchmark
	public void tenantBindingTwoTenantsInTurn(Requests requests, Blackhole blackhole) throws SQLException {
		TenantDatabase.actAs(requests.nextOfTwoTenants());
		try (Connection connection = this.bound.getConnection()) {
			blackhole.consume(connection);
		}
	}

}
