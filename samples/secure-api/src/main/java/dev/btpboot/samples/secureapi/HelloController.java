package dev.btpboot.samples.secureapi;

import java.security.Principal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HelloController {

	@GetMapping("/hello")
	String hello(Principal principal) {
		return "Hello, " + ((principal != null) ? principal.getName() : "anonymous") + "!";
	}

}
