package dev.btpboot.data.tenant;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
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

/**
 * The time to migrate 100 tenants, one after the other as the start-up migration does: each gets
 * its schema and three migrations ({@code db/benchmark-tenant}: two tables and an index) through
 * {@link TenantSchemas}; and the same 100 tenants when they are already up to date (a start where
 * nothing changed).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
@State(Scope.Benchmark)
public class TenantMigrationBenchmark {

	static final int TENANTS = 100;

	private TenantDatabase database;

	private HikariDataSource pool;

	private TenantSchemas schemas;

	@Setup(Level.Trial)
	public void start() {
		this.database = new TenantDatabase();
		this.pool = this.database.pool(4);
		TenantSchemaDataSource dataSource = new TenantSchemaDataSource(this.pool,
				new TenantSchemaResolver(TenantSchemaNames.standard(), Set.of()));
		Flyway flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/benchmark-tenant").load();
		this.schemas = new TenantSchemas(new TenantSchemaResolver(TenantSchemaNames.standard(), Set.of()),
				dataSource, flyway);
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.pool.close();
		this.database.close();
	}

	/** Drops the tenants' schemas, so that each measurement creates and migrates all of them. */
	@State(Scope.Thread)
	public static class NewTenants {

		@Setup(Level.Iteration)
		public void dropAll(TenantMigrationBenchmark benchmark) throws Exception {
			for (int i = 0; i < TENANTS; i++) {
				benchmark.schemas.drop(tenant(i));
			}
		}

	}

	/** Migrates the tenants first, so that each measurement finds them up to date. */
	@State(Scope.Thread)
	public static class UpToDateTenants {

		@Setup(Level.Iteration)
		public void migrateAll(TenantMigrationBenchmark benchmark) throws Exception {
			benchmark.migrateAll();
		}

	}

	@Benchmark
	public int migrateHundredNewTenants(NewTenants tenants) throws Exception {
		return migrateAll();
	}

	@Benchmark
	public int migrateHundredUpToDateTenants(UpToDateTenants tenants) throws Exception {
		return migrateAll();
	}

	int migrateAll() throws Exception {
		int applied = 0;
		for (int i = 0; i < TENANTS; i++) {
			applied += this.schemas.migrate(tenant(i));
		}
		return applied;
	}

	static String tenant(int i) {
		return String.format("6a8e1c84-0000-4000-8000-%012d", i);
	}

}
