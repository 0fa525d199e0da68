package dev.btpboot.samples.secureapi;

import java.util.Collections;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's token-client brings org.json, and spring-boot-starter-test (under
 * spring-boot-starter-webmvc-test and again under spring-boot-starter-actuator-test) brings
 * android-json with the same classes. This sample's pom declares them as docs/testing.md says, without
 * any exclusion: btp-spring-boot-test's JSONassert, which leaves android-json out, is the one Maven
 * takes, so there is one org.json.JSONObject and Spring Boot has no reason to warn about it.
 */
class TestClassPathTests {

	@Test
	void orgJsonIsOnTheTestClassPathOnce() throws Exception {
		assertThat(Collections.list(getClass().getClassLoader().getResources("org/json/JSONObject.class"))).hasSize(1);
	}

}
