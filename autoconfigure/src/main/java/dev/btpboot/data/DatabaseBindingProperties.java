package dev.btpboot.data;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which bound database Spring Boot's {@code DataSource} connects to.
 */
@ConfigurationProperties("btp.bindings.database")
public class DatabaseBindingProperties {

	/**
	 * Name of the database binding (PostgreSQL on SAP BTP or SAP HANA Cloud) to connect to when
	 * several are bound. Defaults to the only database binding.
	 */
	private String name;

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

}
