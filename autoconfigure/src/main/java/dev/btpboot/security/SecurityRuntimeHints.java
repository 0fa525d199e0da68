package dev.btpboot.security;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * {@link BtpSecurityProperties} is bound with a {@code Binder} by {@link SecurityModeDecision},
 * which runs again at run time to check the mode, and by the mock users.
 */
class SecurityRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		BindableRuntimeHintsRegistrar.forTypes(BtpSecurityProperties.class).registerHints(hints, classLoader);
	}

}
