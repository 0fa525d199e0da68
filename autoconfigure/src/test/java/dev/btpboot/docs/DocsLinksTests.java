package dev.btpboot.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link of README.md, CHANGELOG.md and the pages of docs/ leads somewhere: to a file
 * or folder of the repository and, with a {@code #fragment}, to a heading of that page (GitHub's
 * anchors). Links to other sites are not followed; links inside code are not links.
 */
class DocsLinksTests {

	private static final Pattern LINK = Pattern.compile("(?<!!)\\[(?:[^\\]\\[]|\\[[^\\]]*])*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");

	private final Map<Path, Set<String>> anchors = new HashMap<>();

	@Test
	void everyRelativeLinkAndAnchorResolves() throws IOException {
		List<String> broken = new ArrayList<>();
		for (Path page : pages()) {
			List<String> lines = prose(Files.readAllLines(page));
			for (int number = 0; number < lines.size(); number++) {
				Matcher link = LINK.matcher(withoutCodeSpans(lines.get(number)));
				while (link.find()) {
					String target = link.group(1);
					String problem = problem(page, target);
					if (problem != null) {
						broken.add(GeneratedDocs.ROOT.relativize(page) + ":" + (number + 1) + " (" + target + "): "
								+ problem);
					}
				}
			}
		}
		assertThat(broken).as("links that lead nowhere").isEmpty();
	}

	@Test
	void anchorsAreMadeAsGitHubMakesThem() {
		assertThat(anchorsOf(List.of("# Testing your application", "## Configuration reference: bindings",
				"### IAS users with XSUAA authorities", "## Adding `btp-spring-boot` (0.1)", "## Tokens", "## Tokens")))
			.containsExactly("testing-your-application", "configuration-reference-bindings",
					"ias-users-with-xsuaa-authorities", "adding-btp-spring-boot-01", "tokens", "tokens-1");
	}

	@Test
	void aBrokenLinkIsFound() throws IOException {
		Path page = Files.createTempFile("page", ".md");
		Files.writeString(page, "# Title\n[ok](#title) [bad](#nothing) [gone](does-not-exist.md)\n");
		try {
			assertThat(problem(page, "#title")).isNull();
			assertThat(problem(page, "#nothing")).isEqualTo("no heading with anchor #nothing");
			assertThat(problem(page, "does-not-exist.md")).isEqualTo("no such file");
		}
		finally {
			Files.delete(page);
		}
	}

	private List<Path> pages() throws IOException {
		List<Path> pages = new ArrayList<>(List.of(GeneratedDocs.ROOT.resolve("README.md"),
				GeneratedDocs.ROOT.resolve("CHANGELOG.md")));
		try (Stream<Path> docs = Files.walk(GeneratedDocs.ROOT.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		return pages;
	}

	/** @return why the link leads nowhere, or {@code null} */
	private String problem(Path page, String target) throws IOException {
		if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
			return null;
		}
		int hash = target.indexOf('#');
		String path = (hash >= 0) ? target.substring(0, hash) : target;
		String fragment = (hash >= 0) ? target.substring(hash + 1) : null;
		Path resolved = path.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(path).normalize();
		if (!Files.exists(resolved)) {
			return "no such file";
		}
		if (fragment != null && !fragment.isEmpty()) {
			if (!resolved.toString().endsWith(".md")) {
				return "an anchor into a file that is not Markdown";
			}
			if (!this.anchors.computeIfAbsent(resolved, this::anchorsOfFile).contains(fragment)) {
				return "no heading with anchor #" + fragment;
			}
		}
		return null;
	}

	private Set<String> anchorsOfFile(Path file) {
		try {
			return anchorsOf(prose(Files.readAllLines(file)));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** GitHub's anchors: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
	static Set<String> anchorsOf(List<String> lines) {
		Set<String> anchors = new LinkedHashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		for (String line : lines) {
			Matcher heading = HEADING.matcher(line);
			if (heading.matches()) {
				String anchor = heading.group(1)
					.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1")
					.toLowerCase()
					.replaceAll("[^\\p{L}\\p{N} _-]", "")
					.replace(' ', '-');
				int count = seen.merge(anchor, 1, Integer::sum);
				anchors.add((count == 1) ? anchor : anchor + "-" + (count - 1));
			}
		}
		return anchors;
	}

	/** The lines outside fenced code blocks; those inside become empty, so that numbers stay. */
	private static List<String> prose(List<String> lines) {
		List<String> prose = new ArrayList<>();
		boolean code = false;
		for (String line : lines) {
			if (line.strip().startsWith("```")) {
				code = !code;
				prose.add("");
			}
			else {
				prose.add(code ? "" : line);
			}
		}
		return prose;
	}

	private static String withoutCodeSpans(String line) {
		return line.replaceAll("`[^`]*`", "");
	}

}
