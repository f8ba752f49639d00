package dev.turnpike.usageplans.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a listing, with AWS's opaque {@code position} token for the next one
 * ({@code null} on the last).
 */
public record Page<T>(List<T> items, String position) {

	/** AWS's default and maximum page sizes. */
	public static final int DEFAULT_LIMIT = 25;

	public static final int MAX_LIMIT = 500;

	/** Validates a requested page size. */
	public static int limit(Integer requested) {
		if (requested == null) {
			return DEFAULT_LIMIT;
		}
		if (requested < 1 || requested > MAX_LIMIT) {
			throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT + ", not " + requested);
		}
		return requested;
	}

	/** The offset a position token stands for (0 without one). */
	public static long offset(String position) {
		if (position == null || position.isEmpty()) {
			return 0;
		}
		try {
			String decoded = new String(Base64.getUrlDecoder().decode(position), StandardCharsets.UTF_8);
			long offset = Long.parseLong(decoded.substring("o:".length()));
			if (!decoded.startsWith("o:") || offset < 0) {
				throw new IllegalArgumentException();
			}
			return offset;
		}
		catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
			throw ApiException.badRequest("position '" + position + "' is not a position this service returned");
		}
	}

	/**
	 * Reads records in index order from {@code offset}, skipping missing and filtered-out
	 * ones, until a page is full.
	 */
	public static <T> Page<T> scan(long offset, int size, long total,
			java.util.function.BiFunction<Long, Integer, List<T>> batch, java.util.function.Predicate<T> filter) {
		List<T> items = new java.util.ArrayList<>();
		long next = offset;
		while (items.size() < size && next < total) {
			List<T> records = batch.apply(next, size);
			if (records.isEmpty()) {
				break;
			}
			for (T record : records) {
				next++;
				if (record != null && filter.test(record)) {
					items.add(record);
					if (items.size() == size) {
						break;
					}
				}
			}
		}
		return new Page<>(items, (next < total) ? position(next) : null);
	}

	public static String position(long offset) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
	}

}
