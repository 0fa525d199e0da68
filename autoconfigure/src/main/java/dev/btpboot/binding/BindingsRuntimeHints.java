package dev.btpboot.binding;

import java.util.List;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * What a native image needs to read bindings. {@link BindingsProperties} is bound with a
 * {@code Binder} of our own (the bindings are read before any bean exists), not only as a
 * {@code @ConfigurationProperties} bean. java-cfenv parses {@code VCAP_SERVICES} with json-io,
 * which loads its type tables from classpath resources when it first reads.
 */
class BindingsRuntimeHints implements RuntimeHintsRegistrar {

	/** The tables json-io's {@code ReadOptionsBuilder} loads; java-cfenv only reads JSON. */
	static final List<String> JSON_IO_READ_TABLES = List.of("config/aliases.txt", "config/classFactory.txt",
			"config/coercedTypes.txt", "config/customReaders.txt", "config/fieldsNotImported.txt",
			"config/nonRefs.txt", "config/nonStandardSetters.txt", "config/notCustomRead.txt");

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		BindableRuntimeHintsRegistrar.forTypes(BindingsProperties.class).registerHints(hints, classLoader);
		if (ClassUtils.isPresent("com.cedarsoftware.io.ReadOptionsBuilder", classLoader)) {
			JSON_IO_READ_TABLES.forEach(hints.resources()::registerPattern);
		}
	}

}
