package dev.turnpike.usageplans.api;

import org.springframework.security.core.Authentication;

import dev.turnpike.usageplans.domain.Actor;

/** The audit identity of an authenticated caller. */
final class Actors {

	private Actors() {
	}

	static Actor of(Authentication authentication) {
		return (authentication != null) ? new Actor(authentication.getName()) : Actor.system();
	}

}
