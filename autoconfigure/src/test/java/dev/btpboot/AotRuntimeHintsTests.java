package dev.btpboot;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.btpboot.binding.BindingsProperties;
import dev.btpboot.connectivity.socks.ConnectivitySocketFactory;
import dev.btpboot.data.PemTrustSocketFactory;
import dev.btpboot.security.BtpSecurityProperties;
import dev.btpboot.token.TokenProperties;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/** The hints our {@code META-INF/spring/aot.factories} contributes to a native image. */
class AotRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@BeforeEach
	void registerOurRegistrarsFromAotFactories() {
		List<RuntimeHintsRegistrar> ours = AotServices.factories()
			.load(RuntimeHintsRegistrar.class)
			.asList()
			.stream()
			.filter((registrar) -> registrar.getClass().getName().startsWith("dev.btpboot."))
			.toList();
		assertThat(ours).hasSize(5);
		ours.forEach((registrar) -> registrar.registerHints(this.hints, getClass().getClassLoader()));
	}

	@Test
	void propertiesBoundWithOurOwnBinderCanBeBoundWithNestedTypes() {
		assertThat(this.hints).matches(setter(BindingsProperties.class, "setLocalFile"))
			.matches(setter(BindingsProperties.Selection.class, "setName"))
			.matches(setter(TokenProperties.class, "setRefreshAhead"))
			.matches(setter(TokenProperties.Retry.class, "setMaxAttempts"))
			.matches(setter(BtpSecurityProperties.class, "setMode"))
			.matches(setter(BtpSecurityProperties.Mock.class, "setUsers"))
			.matches(setter(BtpSecurityProperties.User.class, "setPassword"));
	}

	@Test
	void thePostgresqlDriverCanCreateTheSocketFactoryThatTrustsTheBindingsCa() throws NoSuchMethodException {
		assertThat(this.hints).matches(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(PemTrustSocketFactory.class.getConstructor(String.class)));
	}

	@Test
	void jndiCanLoadTheConnectivitySocketFactoryByName() throws NoSuchMethodException {
		// Its own static getDefault(), which hides javax.net.SocketFactory's.
		Method getDefault = ConnectivitySocketFactory.class.getDeclaredMethod("getDefault");
		assertThat(this.hints).matches(RuntimeHintsPredicates.reflection().onMethodInvocation(getDefault));
	}

	@Test
	void javaCfenvsJsonParserFindsItsTablesAndEachOfThemExists() {
		List<String> tables = List.of("config/aliases.txt", "config/classFactory.txt", "config/coercedTypes.txt",
				"config/customReaders.txt", "config/fieldsNotImported.txt", "config/nonRefs.txt",
				"config/nonStandardSetters.txt", "config/notCustomRead.txt");
		for (String table : tables) {
			assertThat(this.hints).matches(RuntimeHintsPredicates.resource().forResource(table), table);
			assertThat(getClass().getClassLoader().getResource(table)).as(table).isNotNull();
		}
	}

	@Test
	void theSecurityModeDecidedAtBuildTimeIsRecorded() {
		assertThat(AotServices.factories().load(BeanFactoryInitializationAotProcessor.class).asList())
			.anySatisfy((processor) -> assertThat(processor.getClass().getName())
				.isEqualTo("dev.btpboot.security.SecurityModeAotProcessor"));
	}

	private static Predicate<RuntimeHints> setter(Class<?> type, String name) {
		return RuntimeHintsPredicates.reflection().onMethodInvocation(type, name);
	}

}
