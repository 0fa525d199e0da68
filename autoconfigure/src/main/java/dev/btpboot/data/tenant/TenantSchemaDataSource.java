package dev.btpboot.data.tenant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Binds every connection it hands out to the current tenant's schema (PostgreSQL
 * {@code search_path}); with no tenant, or the provider's own, to the provider's schema (the
 * connection's {@code search_path} as the pool first opened it). A tenant whose schema does not
 * exist gets no connection ({@link TenantSchemaException}), never another tenant's schema.
 * <p>
 * The binding is remembered per pooled (physical) connection, so a checkout by the tenant the
 * connection already serves costs no round trip; any other checkout sets {@code search_path} in
 * one statement that also proves the schema exists, and commits it when the pool hands out
 * connections without auto-commit (a later rollback must not undo it). A connection returned to
 * the pool keeps its binding until the next checkout rebinds it: everything the application takes
 * from this data source is bound before it gets it. Connections handed out while
 * {@link #unbound(Callable)} runs (migrations, which set their own {@code search_path}) are rebound
 * at their next checkout whatever they were bound to.
 */
class TenantSchemaDataSource extends DelegatingDataSource {

	private static final String SHOW = "SHOW search_path";

	/** Sets the path only when the schema exists, in the one round trip. */
	private static final String BIND_TENANT = "SELECT set_config('search_path', quote_ident(nspname), false) "
			+ "FROM pg_namespace WHERE nspname = ?";

	private static final String BIND_PROVIDER = "SELECT set_config('search_path', ?, false)";

	private static final ThreadLocal<Boolean> unbound = new ThreadLocal<>();

	private final TenantSchemaResolver resolver;

	/** Per physical connection; an entry goes when the pool drops its connection. */
	private final Map<Connection, Binding> bindings = Collections.synchronizedMap(new WeakHashMap<>());

	/** Raised when a schema is dropped: tenant bindings made before are checked again. */
	private final AtomicLong generation = new AtomicLong();

	TenantSchemaDataSource(DataSource target, TenantSchemaResolver resolver) {
		super(target);
		this.resolver = resolver;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return bind(obtainTargetDataSource().getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return bind(obtainTargetDataSource().getConnection(username, password));
	}

	/**
	 * Runs work whose connections are not bound to any tenant (schema creation, migrations, which
	 * set {@code search_path} themselves); each is rebound at its next checkout.
	 * @param <T> the result type
	 * @param work the work
	 * @return its result
	 * @throws Exception what the work throws
	 */
	<T> T unbound(Callable<T> work) throws Exception {
		Boolean outer = unbound.get();
		unbound.set(Boolean.TRUE);
		try {
			return work.call();
		}
		finally {
			if (outer == null) {
				unbound.remove();
			}
		}
	}

	/** Tenant bindings made before now are checked again at their next checkout (a schema was dropped). */
	void schemaDropped() {
		this.generation.incrementAndGet();
	}

	private Connection bind(Connection connection) throws SQLException {
		try {
			Connection physical = connection.unwrap(Connection.class);
			Binding binding = this.bindings.get(physical);
			if (unbound.get() != null) {
				String providerPath = (binding != null) ? binding.providerPath() : show(connection);
				this.bindings.put(physical, new Binding(providerPath, null, -1, false));
				return connection;
			}
			String tenant = TenantSchemaResolver.currentTenant();
			String schema = this.resolver.isProvider(tenant) ? null : schemaOf(tenant);
			long generation = this.generation.get();
			if (binding != null && binding.known() && Objects.equals(binding.schema(), schema)
					&& (schema == null || binding.generation() == generation)) {
				return connection;
			}
			String providerPath = (binding != null) ? binding.providerPath() : show(connection);
			if (schema != null) {
				bindTenant(connection, tenant, schema);
			}
			else if (binding != null) {
				bindProvider(connection, providerPath);
			}
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
			this.bindings.put(physical, new Binding(providerPath, schema, generation, true));
			return connection;
		}
		catch (SQLException | RuntimeException | Error ex) {
			try {
				connection.close();
			}
			catch (SQLException closing) {
				ex.addSuppressed(closing);
			}
			throw ex;
		}
	}

	private String schemaOf(String tenant) throws TenantSchemaException {
		try {
			return this.resolver.schemaOf(tenant);
		}
		catch (IllegalStateException ex) {
			throw new TenantSchemaException(tenant, null, ex.getMessage());
		}
	}

	private static String show(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(SHOW)) {
			result.next();
			return result.getString(1);
		}
	}

	private static void bindTenant(Connection connection, String tenant, String schema) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(BIND_TENANT)) {
			statement.setString(1, schema);
			try (ResultSet result = statement.executeQuery()) {
				if (!result.next()) {
					if (!connection.getAutoCommit()) {
						connection.rollback();
					}
					throw new TenantSchemaException(tenant, schema, "its schema '" + schema + "' does not exist: the "
							+ "tenant is not subscribed, or its subscription has not finished. Its requests get no "
							+ "database connection rather than another tenant's data.");
				}
			}
		}
	}

	private static void bindProvider(Connection connection, String providerPath) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(BIND_PROVIDER)) {
			statement.setString(1, providerPath);
			statement.executeQuery().close();
		}
	}

	/**
	 * What a physical connection is bound to.
	 * @param providerPath its {@code search_path} as the pool opened it
	 * @param schema the tenant schema, or {@code null} for the provider's
	 * @param generation the drop generation when a tenant binding was made
	 * @param known {@code false} after an unbound use: rebind at the next checkout
	 */
	private record Binding(String providerPath, String schema, long generation, boolean known) {
	}

}
