package dev.turnpike.samples.lambda;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/pets")
public class PetsController {

	/** A pet. */
	public record Pet(int id, String name, String type) {
	}

	/** What a client sends to add one. */
	public record NewPet(String name, String type) {
	}

	private final Map<Integer, Pet> pets = new ConcurrentHashMap<>();

	private final AtomicInteger ids = new AtomicInteger();

	public PetsController() {
		add("Rex", "dog");
		add("Tom", "cat");
	}

	private Pet add(String name, String type) {
		Pet pet = new Pet(this.ids.incrementAndGet(), name, type);
		this.pets.put(pet.id(), pet);
		return pet;
	}

	@GetMapping
	public List<Pet> list(@RequestParam(required = false) String type) {
		return this.pets.values().stream().filter(pet -> type == null || pet.type().equals(type)).toList();
	}

	@GetMapping("/{id}")
	public Pet get(@PathVariable int id) {
		Pet pet = this.pets.get(id);
		if (pet == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no pet " + id);
		}
		return pet;
	}

	@PostMapping
	public ResponseEntity<Pet> create(@RequestBody NewPet pet,
			@RequestHeader(name = "X-Shop", defaultValue = "none") String shop) {
		Pet created = add(pet.name(), pet.type());
		return ResponseEntity.status(HttpStatus.CREATED).header("X-Shop", shop).body(created);
	}

}
