package dev.btpboot.samples.saasapi;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A subscriber's notes, in its own schema: the SQL names no schema and no tenant, since every
 * connection the starter hands out serves the schema of the current request's tenant.
 */
@RestController
@RequestMapping("/api/notes")
class NoteController {

	private final JdbcTemplate jdbc;

	NoteController(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('Viewer')")
	List<String> notes() {
		return this.jdbc.queryForList("select text from notes order by id", String.class);
	}

	@PostMapping
	@PreAuthorize("hasAuthority('Viewer')")
	void add(@RequestBody String text) {
		this.jdbc.update("insert into notes (text) values (?)", text);
	}

}
