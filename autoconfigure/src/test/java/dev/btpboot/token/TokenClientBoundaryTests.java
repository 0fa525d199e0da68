package dev.btpboot.token;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Issue 14 §2: our token providers have one request path of their own; SAP token-client stays
 * behind the {@code XsuaaTokenFlows} beans offered to users who want that API.
 */
class TokenClientBoundaryTests {

	@Test
	void onlyTheTokenFlowsBeansUseTokenClient() {
		JavaClasses classes = new ClassFileImporter()
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.btpboot");
		noClasses().that()
			.haveNameNotMatching("dev\\.btpboot\\.token\\.(XsuaaTokenFlowsFactory|JdkOAuth2TokenService"
					+ "|TokenAutoConfiguration\\$XsuaaTokenFlowsConfiguration)(\\$.*)?")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("com.sap.cloud.security..")
			.check(classes);
	}

}
