package dev.btpboot.samples.reactiveapi;

import java.security.Principal;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HelloController {

	@GetMapping("/hello")
	Mono<String> hello(Mono<Principal> principal) {
		return principal.map(Principal::getName).defaultIfEmpty("anonymous").map((name) -> "Hello, " + name + "!");
	}

}
