package dev.btpboot.security;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import org.springframework.security.web.firewall.StrictHttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;

/** The firewall's header rule without regular expressions gives Spring's verdicts for every code point. */
class AssignedNonControlCharactersTests {

	@Test
	void sameVerdictsAsSpringSecurityForEveryCodePoint() {
		assertThat(differences(AssignedNonControlCharacters.HEADER_VALUES, StrictHttpFirewall.ALLOWED_HEADER_VALUES))
			.isEmpty();
		assertThat(differences(AssignedNonControlCharacters.HEADER_NAMES, StrictHttpFirewall.ALLOWED_HEADER_NAMES))
			.isEmpty();
		assertThat(AssignedNonControlCharacters.HEADER_VALUES.test("Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln")).isTrue();
		assertThat(AssignedNonControlCharacters.HEADER_VALUES.test("evil\r\nSet-Cookie: x")).isFalse();
		assertThat(AssignedNonControlCharacters.HEADER_VALUES.test("a\tb")).isTrue();
		assertThat(AssignedNonControlCharacters.HEADER_NAMES.test("a\tb")).isFalse();
	}

	private static List<String> differences(Predicate<String> ours, Predicate<String> spring) {
		List<String> differences = new ArrayList<>();
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String value = "a" + new String(Character.toChars(codePoint)) + "b";
			if (ours.test(value) != spring.test(value)) {
				differences.add(Integer.toHexString(codePoint));
			}
		}
		return differences;
	}

}
