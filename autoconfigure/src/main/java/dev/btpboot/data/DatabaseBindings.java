package dev.btpboot.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.btpboot.binding.HanaCredentials;
import dev.btpboot.binding.PostgresCredentials;
import dev.btpboot.binding.ServiceBinding;
import dev.btpboot.binding.ServiceBindings;

/**
 * The one rule for which bound database the application uses: the binding named by
 * {@code btp.bindings.database.name}, else the only database binding. Database bindings are those
 * of PostgreSQL ({@code postgresql-db}, servicebinding.io {@code postgresql}) and SAP HANA Cloud
 * ({@code hana}), by service name, else by tag.
 */
final class DatabaseBindings {

	/** The property that chooses one of several database bindings. */
	static final String NAME_PROPERTY = "btp.bindings.database.name";

	private DatabaseBindings() {
	}

	/** The kinds of database a binding can be. */
	enum Kind {

		POSTGRESQL, HANA;

		static Kind of(ServiceBinding binding, ServiceBindings bindings) {
			return bindings.ofService(HanaCredentials.SERVICE).contains(binding) ? HANA : POSTGRESQL;
		}

	}

	/**
	 * @param bindings the application's bindings
	 * @return every database binding, in the order of {@link ServiceBindings#all()}
	 */
	static List<ServiceBinding> all(ServiceBindings bindings) {
		Set<ServiceBinding> databases = Collections.newSetFromMap(new IdentityHashMap<>());
		databases.addAll(bindings.ofService(PostgresCredentials.SERVICE));
		databases.addAll(bindings.ofService(PostgresCredentials.SERVICE_BINDING_TYPE));
		databases.addAll(bindings.ofService(HanaCredentials.SERVICE));
		List<ServiceBinding> ordered = new ArrayList<>();
		for (ServiceBinding binding : bindings.all()) {
			if (databases.contains(binding)) {
				ordered.add(binding);
			}
		}
		return ordered;
	}

	/**
	 * @param bindings the application's bindings
	 * @param name the chosen binding name, or {@code null}
	 * @return the database binding to use, or empty when none is bound
	 * @throws DatabaseConfigurationException when several are bound and none is chosen, or no
	 * database binding has the chosen name
	 */
	static Optional<ServiceBinding> select(ServiceBindings bindings, String name) {
		List<ServiceBinding> candidates = all(bindings);
		List<String> names = candidates.stream().map((b) -> b.name() + " (" + b.service() + ")").toList();
		if (name != null && !name.isBlank()) {
			if (candidates.isEmpty()) {
				throw new DatabaseConfigurationException(NAME_PROPERTY + "=" + name
						+ " is set, but no database binding (postgresql-db, postgresql, hana) exists",
						"Bind the database to the application, or remove " + NAME_PROPERTY + ".");
			}
			return Optional.of(candidates.stream()
				.filter((b) -> b.name().equals(name))
				.findFirst()
				.orElseThrow(() -> new DatabaseConfigurationException(
						"no database binding is named '" + name + "' (" + NAME_PROPERTY + "); bound: " + names,
						"Set " + NAME_PROPERTY + " to the name of one of the bound databases.")));
		}
		if (candidates.size() > 1) {
			throw new DatabaseConfigurationException(
					candidates.size() + " database bindings exist and none is chosen: " + names,
					"Choose the one the DataSource connects to by setting " + NAME_PROPERTY
							+ " to its binding name, or set spring.datasource.url to connect elsewhere.");
		}
		return candidates.stream().findFirst();
	}

	/**
	 * @param bindings the application's bindings
	 * @param selected a binding of an earlier version of the bindings
	 * @return the current version of that binding (the same after no rotation)
	 */
	static ServiceBinding current(ServiceBindings bindings, ServiceBinding selected) {
		for (ServiceBinding binding : bindings.all()) {
			if (binding == selected) {
				return binding;
			}
		}
		return bindings.all()
			.stream()
			.filter((b) -> b.name().equals(selected.name()) && b.source().equals(selected.source()))
			.findFirst()
			.orElse(selected);
	}

}
