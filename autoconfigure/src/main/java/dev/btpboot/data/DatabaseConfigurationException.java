package dev.btpboot.data;

/**
 * The database configuration cannot work: several database bindings and none chosen, a feature
 * whose library is missing, schema isolation on a database that cannot do it. Says what is wrong
 * and what to do, never a credential; at start-up, {@code DatabaseFailureAnalyzer} shows both.
 */
public class DatabaseConfigurationException extends RuntimeException {

	private final String problem;

	private final String action;

	/**
	 * @param problem what is wrong
	 * @param action what to do about it
	 */
	public DatabaseConfigurationException(String problem, String action) {
		super("Database: " + problem + ". " + action);
		this.problem = "Database: " + problem + ".";
		this.action = action;
	}

	/**
	 * @param feature what was configured, e.g. {@code btp.tenancy.data.isolation=schema}
	 * @param dependency the missing library, as Maven coordinates
	 * @return the failure of a configured feature whose library is not on the class path
	 */
	public static DatabaseConfigurationException dependencyMissing(String feature, String dependency) {
		return new DatabaseConfigurationException(feature + " is configured, but " + dependency
				+ " is not on the class path", "Add the dependency " + dependency
						+ " (its version comes from Spring Boot's dependency management), or remove " + feature
						+ ".");
	}

	/**
	 * @return the failure of {@code btp.tenancy.data.isolation=schema} with SAP HANA Cloud, where a
	 * schema per tenant means an HDI container per tenant
	 */
	public static DatabaseConfigurationException schemaIsolationOnHana() {
		return new DatabaseConfigurationException("btp.tenancy.data.isolation=schema needs PostgreSQL, and the "
				+ "database is SAP HANA Cloud, where one schema per tenant means an HDI container per tenant "
				+ "(created through the Service Manager), which this starter does not manage",
				"Remove btp.tenancy.data.isolation (or set it to none) and isolate tenants in HDI containers, or "
						+ "bind a PostgreSQL database.");
	}

	/** @return what is wrong, without what to do about it */
	public String getProblem() {
		return this.problem;
	}

	/** @return what to do about it */
	public String getAction() {
		return this.action;
	}

}
