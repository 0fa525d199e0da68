package dev.btpboot.samples.secureapi;

import java.util.Collections;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's token-client brings org.json and spring-boot-starter-test brings android-json
 * with the same classes; with the exclusion of the README there is one, and Spring Boot has no
 * reason to warn about it.
 */
class TestClassPathTests {

	@Test
	void orgJsonIsOnTheTestClassPathOnce() throws Exception {
		assertThat(Collections.list(getClass().getClassLoader().getResources("org/json/JSONObject.class"))).hasSize(1);
	}

}
