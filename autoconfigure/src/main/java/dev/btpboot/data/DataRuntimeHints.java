package dev.btpboot.data;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image needs to connect to a bound PostgreSQL: the driver creates the socket factory
 * the URL names ({@code sslfactory}) by reflection, with the CA as its argument.
 */
class DataRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		hints.reflection()
			.registerConstructor(PemTrustSocketFactory.class.getConstructors()[0], ExecutableMode.INVOKE);
	}

}
