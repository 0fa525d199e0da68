package dev.btpboot.token;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * {@link TokenProperties} is also bound with a {@code Binder} outside the token
 * auto-configuration (the JWT key client shares its timeouts), so its hints must not depend on
 * which auto-configurations were active when the application was processed.
 */
class TokenRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		BindableRuntimeHintsRegistrar.forTypes(TokenProperties.class).registerHints(hints, classLoader);
	}

}
