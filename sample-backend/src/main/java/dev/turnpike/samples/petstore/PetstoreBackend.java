package dev.turnpike.samples.petstore;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The sample pet store backend: {@code GET/POST /pets}, {@code GET /pets/{id}},
 * {@code GET /info}. Each instance has a name (the stage it serves) that it reports in
 * {@code X-Served-By}, so a request through the gateway shows which stage's backend
 * answered.
 * <p>
 * {@code java -jar sample-backend.jar 8083:prod 8084:dev} starts one instance per
 * {@code port:name}.
 */
public final class PetstoreBackend {

	private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"\\\\]{1,64})\"");

	private static final Pattern PRICE = Pattern.compile("\"price\"\\s*:\\s*(-?\\d{1,9}(\\.\\d{1,4})?)");

	private final String name;

	private final HttpServer server;

	private final Map<Integer, Map<String, Object>> pets = new ConcurrentSkipListMap<>();

	private final AtomicInteger nextId = new AtomicInteger(1);

	private PetstoreBackend(String name, HttpServer server) {
		this.name = name;
		this.server = server;
		addPet("dog", 249.99);
		addPet("cat", 124.99);
		addPet("fish", 0.99);
	}

	public static PetstoreBackend start(int port, String name) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
		PetstoreBackend backend = new PetstoreBackend(name, server);
		server.createContext("/", backend::handle);
		server.setExecutor(Executors.newFixedThreadPool(4));
		server.start();
		return backend;
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	public void stop() {
		this.server.stop(0);
	}

	public static void main(String[] args) throws IOException {
		List<String> listeners = (args.length > 0) ? List.of(args) : List.of("8083:prod");
		for (String listener : listeners) {
			String[] parts = listener.split(":", 2);
			PetstoreBackend backend = start(Integer.parseInt(parts[0]), (parts.length > 1) ? parts[1] : "petstore");
			System.out
				.println("Pet store backend '" + backend.name + "' listening on http://127.0.0.1:" + backend.port());
		}
	}

	private void addPet(String type, double price) {
		int id = this.nextId.getAndIncrement();
		this.pets.put(id, pet(id, type, price));
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String method = exchange.getRequestMethod();
			exchange.getResponseHeaders().set("X-Served-By", "petstore-" + this.name);
			if (path.equals("/pets") && method.equals("GET")) {
				String type = queryParam(exchange, "type");
				List<Object> result = new ArrayList<>();
				this.pets.values()
					.stream()
					.filter(pet -> type == null || type.equals(pet.get("type")))
					.forEach(result::add);
				send(exchange, 200, result);
			}
			else if (path.equals("/pets") && method.equals("POST")) {
				createPet(exchange);
			}
			else if (path.startsWith("/pets/") && method.equals("GET")) {
				Map<String, Object> pet = findPet(path.substring("/pets/".length()));
				send(exchange, (pet != null) ? 200 : 404,
						(pet != null) ? pet : Map.of("message", "No pet with that id"));
			}
			else if (path.startsWith("/pets/") && method.equals("DELETE")) {
				Map<String, Object> pet = findPet(path.substring("/pets/".length()));
				if (pet == null) {
					send(exchange, 404, Map.of("message", "No pet with that id"));
				}
				else {
					this.pets.remove((Integer) pet.get("id"));
					exchange.getResponseHeaders()
						.set("X-Deleted-By", String.valueOf(exchange.getRequestHeaders().getFirst("X-Principal")));
					exchange.sendResponseHeaders(204, -1);
				}
			}
			else if (path.equals("/info")) {
				String environment = exchange.getRequestHeaders().getFirst("X-Environment");
				send(exchange, 200, Map.of("backend", this.name, "environment", String.valueOf(environment), "verbose",
						String.valueOf(queryParam(exchange, "verbose"))));
			}
			else {
				send(exchange, 404, Map.of("message", "Not found: " + method + " " + path));
			}
		}
	}

	private void createPet(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		Matcher type = TYPE.matcher(body);
		Matcher price = PRICE.matcher(body);
		if (!type.find() || !price.find()) {
			send(exchange, 400, Map.of("message", "A pet needs a type and a price"));
			return;
		}
		int id = this.nextId.getAndIncrement();
		Map<String, Object> pet = pet(id, type.group(1), Double.parseDouble(price.group(1)));
		this.pets.put(id, pet);
		send(exchange, 201, pet);
	}

	private static Map<String, Object> pet(int id, String type, double price) {
		Map<String, Object> pet = new LinkedHashMap<>();
		pet.put("id", id);
		pet.put("type", type);
		pet.put("price", price);
		return pet;
	}

	private Map<String, Object> findPet(String id) {
		try {
			return this.pets.get(Integer.parseInt(id));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static String queryParam(HttpExchange exchange, String name) {
		String query = exchange.getRequestURI().getQuery();
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			String[] kv = pair.split("=", 2);
			if (kv[0].equals(name)) {
				return (kv.length > 1) ? kv[1] : "";
			}
		}
		return null;
	}

	/** JSON for the maps, lists, strings and numbers this backend answers with. */
	static String json(Object value) {
		if (value instanceof Map<?, ?> map) {
			StringBuilder out = new StringBuilder("{");
			map.forEach((key, item) -> out.append(out.length() > 1 ? "," : "")
				.append(json(String.valueOf(key)))
				.append(':')
				.append(json(item)));
			return out.append('}').toString();
		}
		if (value instanceof List<?> list) {
			StringBuilder out = new StringBuilder("[");
			list.forEach(item -> out.append(out.length() > 1 ? "," : "").append(json(item)));
			return out.append(']').toString();
		}
		if (value instanceof Number) {
			return value.toString();
		}
		String text = String.valueOf(value);
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.append('"').toString();
	}

	private static void send(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = json(body).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
