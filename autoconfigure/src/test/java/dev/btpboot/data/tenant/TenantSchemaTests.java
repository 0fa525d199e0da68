package dev.btpboot.data.tenant;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.data.DatabaseBindingAutoConfiguration;
import dev.btpboot.data.DatabaseConfigurationException;
import dev.btpboot.security.BtpUser;
import dev.btpboot.tenancy.SubscribedTenants;
import dev.btpboot.tenancy.Subscription;
import dev.btpboot.tenancy.SubscriptionHook;
import dev.btpboot.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One schema per tenant against a real PostgreSQL: the subscription hook creates, migrates and
 * drops tenants' schemas, start-up migrates every subscribed tenant, and each connection the
 * application takes serves the tenant of the current thread (as a request's user or the technical
 * user of {@code runAs} sets it), the provider's schema without one, and nothing at all for a
 * tenant without a schema.
 */
@ExtendWith(OutputCaptureExtension.class)
class TenantSchemaTests {

	@RegisterExtension
	static final TestPostgres postgres = new TestPostgres();

	private static final String PASSWORD = "Tenants-S3cr3t-pw";

	private static final AtomicInteger databases = new AtomicInteger();

	private static final Subscription TENANT_A = new Subscription("tenant-a", "alpha", null, null);

	private static final Subscription TENANT_B = new Subscription("tenant-b", "beta", null, null);

	private String database;

	@BeforeAll
	static void createTheUser() {
		postgres.execute("CREATE ROLE app LOGIN PASSWORD '" + PASSWORD + "'");
	}

	@BeforeEach
	void createADatabase() {
		this.database = "tenants_" + databases.incrementAndGet();
		postgres.execute("CREATE DATABASE " + this.database + " OWNER app");
	}

	@AfterEach
	void clearTheSecurityContext() {
		SecurityContextHolder.clearContext();
	}

	private ApplicationContextRunner runner() {
		return withoutFlyway().withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class));
	}

	private ApplicationContextRunner withoutFlyway() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
					DatabaseBindingAutoConfiguration.class, DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class, TenantSchemaAutoConfiguration.class))
			.withPropertyValues("btp.bindings.kubernetes-root=/nonexistent", "btp.tenancy.data.isolation=schema",
					"spring.flyway.locations=classpath:dev/btpboot/data/migration",
					"spring.datasource.hikari.maximum-pool-size=2", "VCAP_SERVICES=" + TestPostgres.vcapServices(
							Map.of("app-db", postgres.postgresqlDbCredentials("app", PASSWORD, this.database))));
	}

	@Test
	void subscribingCreatesAndMigratesTheTenantsSchemaOnce(CapturedOutput output) {
		runner().run((context) -> {
			SubscriptionHook hook = context.getBean(SubscriptionHook.class);
			hook.subscribed(TENANT_A);
			hook.subscribed(TENANT_A);
			String schema = context.getBean(TenantSchemas.class).schemaOf("tenant-a");
			assertThat(schema).startsWith("tenant_tenanta_");
			assertThat(admin("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema
					+ "' AND table_name = 'notes'")).isEqualTo("1");
			assertThat(output).contains("Tenant 'tenant-a': schema '" + schema + "' ready, 1 migration(s) applied",
					"Tenant 'tenant-a': schema '" + schema + "' ready, 0 migration(s) applied");
		});
	}

	@Test
	void anUpdateRunsTheMigrationsAddedSince() {
		runner().run((context) -> context.getBean(SubscriptionHook.class).subscribed(TENANT_A));
		runner().withPropertyValues(
				"spring.flyway.locations=classpath:dev/btpboot/data/migration,classpath:dev/btpboot/data/migration-v2")
			.run((context) -> {
				context.getBean(SubscriptionHook.class).updated(TENANT_A);
				asTenant("tenant-a", () -> jdbc(context).update("INSERT INTO notes (text, author) VALUES ('x', 'a')"));
			});
	}

	@Test
	void unsubscribingDropsTheSchemaOrRetainsIt() {
		runner().run((context) -> {
			SubscriptionHook hook = context.getBean(SubscriptionHook.class);
			hook.subscribed(TENANT_A);
			hook.subscribed(TENANT_B);
			String schemaOfA = context.getBean(TenantSchemas.class).schemaOf("tenant-a");
			hook.unsubscribed(TENANT_A);
			assertThat(admin("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schemaOfA + "'")).isEqualTo("0");
			assertThatExceptionOfType(CannotGetJdbcConnectionException.class)
				.isThrownBy(() -> asTenant("tenant-a", () -> jdbc(context).queryForList("SELECT * FROM notes")))
				.withRootCauseInstanceOf(TenantSchemaException.class);
		});
		runner().withPropertyValues("btp.tenancy.data.on-unsubscribe=retain").run((context) -> {
			context.getBean(SubscriptionHook.class).unsubscribed(TENANT_B);
			String schemaOfB = context.getBean(TenantSchemas.class).schemaOf("tenant-b");
			assertThat(admin("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schemaOfB + "'")).isEqualTo("1");
		});
	}

	@Test
	void eachConnectionServesTheCurrentTenantAndNoneTheProviders() {
		runner().run((context) -> {
			SubscriptionHook hook = context.getBean(SubscriptionHook.class);
			hook.subscribed(TENANT_A);
			hook.subscribed(TENANT_B);
			JdbcTemplate jdbc = jdbc(context);
			asTenant("tenant-a", () -> jdbc.update("INSERT INTO notes (text) VALUES ('of a')"));
			asTenant("tenant-b", () -> jdbc.update("INSERT INTO notes (text) VALUES ('of b')"));
			jdbc.update("INSERT INTO notes (text) VALUES ('of the provider')");
			// the two pooled connections serve all three in turn (Flyway needs two on PostgreSQL)
			assertThat(asTenant("tenant-a", () -> jdbc.queryForList("SELECT text FROM notes", String.class)))
				.containsExactly("of a");
			assertThat(asTenant("tenant-b", () -> jdbc.queryForList("SELECT text FROM notes", String.class)))
				.containsExactly("of b");
			assertThat(jdbc.queryForList("SELECT text FROM notes", String.class)).containsExactly("of the provider");
			assertThat(jdbc.queryForObject("SELECT current_schema()", String.class)).isEqualTo("public");
		});
	}

	@Test
	void aTenantWithoutSchemaGetsNoConnection(CapturedOutput output) {
		runner().run((context) -> {
			context.getBean(SubscriptionHook.class).subscribed(TENANT_A);
			JdbcTemplate jdbc = jdbc(context);
			asTenant("tenant-a", () -> jdbc.update("INSERT INTO notes (text) VALUES ('of a')"));
			// the pooled connection this thread took last is bound to tenant-a's schema now
			assertThatExceptionOfType(CannotGetJdbcConnectionException.class)
				.isThrownBy(() -> asTenant("tenant-c", () -> jdbc.queryForList("SELECT text FROM notes")))
				.havingRootCause()
				.isInstanceOf(TenantSchemaException.class)
				.withMessageContaining("Tenant 'tenant-c'")
				.withMessageContaining("does not exist");
			assertThat(asTenant("tenant-a", () -> jdbc.queryForList("SELECT text FROM notes", String.class)))
				.containsExactly("of a");
		});
	}

	@Test
	void aRolledBackTransactionDoesNotUndoTheBindingWithoutAutoCommit() {
		runner().withPropertyValues("spring.datasource.hikari.auto-commit=false").run((context) -> {
			SubscriptionHook hook = context.getBean(SubscriptionHook.class);
			hook.subscribed(TENANT_A);
			hook.subscribed(TENANT_B);
			JdbcTemplate jdbc = jdbc(context);
			TransactionTemplate transactions = new TransactionTemplate(
					context.getBean(PlatformTransactionManager.class));
			asTenant("tenant-a", () -> transactions.execute((status) -> {
				jdbc.update("INSERT INTO notes (text) VALUES ('of a')");
				return null;
			}));
			asTenant("tenant-b", () -> transactions.execute((status) -> {
				jdbc.update("INSERT INTO notes (text) VALUES ('rolled back')");
				status.setRollbackOnly();
				return null;
			}));
			// the same pooled connection, checked out again by tenant-b: still bound to tenant-b's schema
			List<String> notesOfB = asTenant("tenant-b",
					() -> transactions.execute((status) -> jdbc.queryForList("SELECT text FROM notes", String.class)));
			assertThat(notesOfB).isEmpty();
			String schemaOfB = asTenant("tenant-b", () -> transactions
				.execute((status) -> jdbc.queryForObject("SELECT current_schema()", String.class)));
			assertThat(schemaOfB).isEqualTo(TenantSchemaNames.standard().schemaOf("tenant-b"));
		});
	}

	@Test
	void theTechnicalUserOfAJobRunAsATenantIsServedByItsSchema() throws Exception {
		runner().run((context) -> {
			context.getBean(SubscriptionHook.class).subscribed(TENANT_A);
			JdbcTemplate jdbc = jdbc(context);
			BtpUser technical = new BtpUser("sb-app!t1", "tenant-a", "alpha", Set.of(), null, null, null, true);
			Thread job = new Thread(() -> {
				SecurityContextHolder.getContext()
					.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(technical, null, List.of()));
				jdbc.update("INSERT INTO notes (text) VALUES ('by the job')");
			});
			job.start();
			job.join();
			assertThat(asTenant("tenant-a", () -> jdbc.queryForList("SELECT text FROM notes", String.class)))
				.containsExactly("by the job");
		});
	}

	@Test
	void startUpMigratesEverySubscribedTenantAndOneFailureStopsNoOther(CapturedOutput output) {
		String schemaOfB = TenantSchemaNames.standard().schemaOf("tenant-b");
		// tenant-b's schema holds a table no migration knows: Flyway refuses it
		postgres.executeIn(this.database, "CREATE SCHEMA " + schemaOfB, "CREATE TABLE " + schemaOfB + ".stray (id int)",
				"ALTER SCHEMA " + schemaOfB + " OWNER TO app", "ALTER TABLE " + schemaOfB + ".stray OWNER TO app");
		Subscription tenantC = new Subscription("tenant-c", "gamma", null, null);
		SubscribedTenants subscribed = () -> List.of(TENANT_A, TENANT_B, tenantC);
		runner().withBean(SubscribedTenants.class, () -> subscribed).run((context) -> {
			assertThat(context).hasNotFailed();
			JdbcTemplate jdbc = jdbc(context);
			asTenant("tenant-a", () -> jdbc.update("INSERT INTO notes (text) VALUES ('a')"));
			asTenant("tenant-c", () -> jdbc.update("INSERT INTO notes (text) VALUES ('c')"));
			assertThat(output).contains("migrating schema '" + schemaOfB + "' failed; the other tenants go on",
					"3 subscribed tenant(s), 2 migration(s) applied, failed for [tenant-b]");
		});
		// resumable: once the cause is gone, the next start migrates what remains
		postgres.executeIn(this.database, "DROP TABLE " + schemaOfB + ".stray");
		runner().withBean(SubscribedTenants.class, () -> subscribed).run((context) -> {
			asTenant("tenant-b", () -> jdbc(context).update("INSERT INTO notes (text) VALUES ('b')"));
			assertThat(output).contains("Tenant 'tenant-a': schema '"
					+ context.getBean(TenantSchemas.class).schemaOf("tenant-a") + "' up to date",
					"3 subscribed tenant(s), 1 migration(s) applied");
		});
	}

	@Test
	void aTenantListThatFailsIsReportedAndTheStartGoesOn(CapturedOutput output) {
		SubscribedTenants unavailable = () -> {
			throw new IllegalStateException("SaaS registry answered 503");
		};
		runner().withBean(SubscribedTenants.class, () -> unavailable).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("The subscribed tenants could not be listed", "503");
		});
	}

	@Test
	void aNamingRuleThatAnswersNoIdentifierGivesNoConnection() {
		runner().withBean(TenantSchemaNames.class, () -> (tenant) -> "tenant\"; DROP SCHEMA public; --")
			.run((context) -> assertThatExceptionOfType(CannotGetJdbcConnectionException.class)
				.isThrownBy(() -> asTenant("tenant-a", () -> jdbc(context).queryForList("SELECT 1")))
				.havingRootCause()
				.isInstanceOf(TenantSchemaException.class)
				.withMessageContaining("plain SQL identifier"));
	}

	@Test
	void theConnectionDetailsNameTheDatabaseIsolatedTenantsAreIn() {
		runner().run((context) -> assertThat(context.getBean(JdbcConnectionDetails.class).getJdbcUrl())
			.contains("/" + this.database + "?"));
	}

	@Test
	void withoutFlywayTheStartIsRefusedNamingTheDependency() {
		// without spring-boot-flyway (hiding its auto-configuration; Boot lists its other classes in spring.factories)
		withoutFlyway().withClassLoader(new FilteredClassLoader(FlywayAutoConfiguration.class))
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(DatabaseConfigurationException.class)
				.hasMessageContaining("btp.tenancy.data.isolation=schema")
				.hasMessageContaining("spring-boot-starter-flyway"));
	}

	@Test
	void withFlywaySwitchedOffTheStartIsRefused() {
		runner().withPropertyValues("spring.flyway.enabled=false")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(DatabaseConfigurationException.class)
				.hasMessageContaining("spring.flyway.enabled=false"));
	}

	@Test
	void withoutSpringsJdbcSupportTheStartIsRefusedNamingTheDependency() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
					DatabaseBindingAutoConfiguration.class, TenantSchemaAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(JdbcConnectionDetails.class))
			.withPropertyValues("btp.bindings.kubernetes-root=/nonexistent", "btp.tenancy.data.isolation=schema")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(DatabaseConfigurationException.class)
				.hasMessageContaining("spring-boot-starter-jdbc"));
	}

	private static JdbcTemplate jdbc(ApplicationContext context) {
		return new JdbcTemplate(context.getBean(DataSource.class));
	}

	private String admin(String query) {
		return postgres.queryIn(this.database, query);
	}

	static <T> T asTenant(String tenant, Callable<T> work) {
		BtpUser user = new BtpUser("user-of-" + tenant, tenant, null, Set.of(), null, null, null);
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, List.of()));
		try {
			return work.call();
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
