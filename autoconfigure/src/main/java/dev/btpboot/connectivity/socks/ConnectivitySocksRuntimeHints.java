package dev.btpboot.connectivity.socks;

import java.util.List;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * JNDI loads the socket factory named in {@code java.naming.ldap.factory.socket} by its class
 * name and calls its static {@code getDefault()} reflectively.
 */
class ConnectivitySocksRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		hints.reflection()
			.registerType(ConnectivitySocketFactory.class,
					(type) -> type.withMethod("getDefault", List.of(), ExecutableMode.INVOKE));
	}

}
