package dev.btpboot.security;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.web.firewall.StrictHttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;

/** The firewall's header rule without regular expressions gives Spring's verdicts for every code point. */
class AssignedNonControlCharactersTests {

	@Test
	void sameVerdictAsSpringSecurityForEveryCodePoint() {
		AssignedNonControlCharacters rule = new AssignedNonControlCharacters();
		List<String> differences = new ArrayList<>();
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String value = "a" + new String(Character.toChars(codePoint)) + "b";
			if (rule.test(value) != StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(value)) {
				differences.add(Integer.toHexString(codePoint));
			}
		}
		assertThat(differences).isEmpty();
		assertThat(rule.test("Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln")).isTrue();
		assertThat(rule.test("evil\r\nSet-Cookie: x")).isFalse();
	}

}
