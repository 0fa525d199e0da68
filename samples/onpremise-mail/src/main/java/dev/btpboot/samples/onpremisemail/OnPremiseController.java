package dev.btpboot.samples.onpremisemail;

import java.util.List;

import jakarta.mail.MessagingException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Sends mail, lists the inbox and looks people up, all on premise. */
@RestController
class OnPremiseController {

	private final OnPremiseMailbox mailbox;

	private final OnPremiseDirectory directory;

	OnPremiseController(OnPremiseMailbox mailbox, OnPremiseDirectory directory) {
		this.mailbox = mailbox;
		this.directory = directory;
	}

	record Mail(String from, String to, String subject, String text) {
	}

	@PostMapping("/mail")
	void send(@RequestBody Mail mail) {
		this.mailbox.send(mail.from(), mail.to(), mail.subject(), mail.text());
	}

	@GetMapping("/inbox")
	List<String> inbox() throws MessagingException {
		return this.mailbox.subjects();
	}

	@GetMapping("/people/{uid}/mail")
	List<String> mailOf(@PathVariable String uid) {
		return this.directory.mailOf(uid);
	}

}
