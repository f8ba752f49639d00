package dev.turnpike.usageplans.domain;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * AWS's API key file format (for {@code ImportApiKeys}): a header row naming at least
 * {@code Name} and {@code Key} (case-insensitive, any order), optional
 * {@code Description}, {@code Enabled} (default true) and {@code UsagePlanIds}
 * (comma-separated, quoted with {@code "} or {@code '}); unknown columns are ignored.
 */
public final class ApiKeyCsv {

	/** One data row. */
	public record Row(long line, String name, String key, String description, boolean enabled,
			List<String> usagePlanIds) {
	}

	/** The rows, and warnings for rows that could not be read. */
	public record Parsed(List<Row> rows, List<String> warnings) {
	}

	private ApiKeyCsv() {
	}

	public static Parsed parse(String csv) {
		if (csv == null || csv.isBlank()) {
			throw ApiException
				.badRequest("The import body is empty; expected CSV with a header row naming Name and Key");
		}
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.setIgnoreSurroundingSpaces(true)
			.setIgnoreEmptyLines(true)
			.get();
		try (CSVParser parser = CSVParser.parse(new StringReader(csv.strip()), format)) {
			Map<String, Integer> header = parser.getHeaderMap();
			String nameColumn = column(header, "name");
			String keyColumn = column(header, "key");
			if (nameColumn == null || keyColumn == null) {
				throw ApiException.badRequest("The CSV header must name the columns Name and Key (found: "
						+ String.join(", ", header.keySet()) + ")");
			}
			String description = column(header, "description");
			String enabled = column(header, "enabled");
			String plans = column(header, "usageplanids");
			List<Row> rows = new ArrayList<>();
			List<String> warnings = new ArrayList<>();
			for (CSVRecord record : parser) {
				long line = record.getRecordNumber() + 1;
				if (!record.isConsistent()) {
					warnings.add("line " + line + ": expected " + header.size() + " columns, found " + record.size());
					continue;
				}
				String enabledText = (enabled != null) ? record.get(enabled) : "";
				if (!enabledText.isEmpty() && !enabledText.equalsIgnoreCase("true")
						&& !enabledText.equalsIgnoreCase("false")) {
					warnings.add("line " + line + ": Enabled must be true or false, not '" + enabledText + "'");
					continue;
				}
				rows.add(new Row(line, record.get(nameColumn), record.get(keyColumn),
						(description != null) ? record.get(description) : "", !enabledText.equalsIgnoreCase("false"),
						planIds((plans != null) ? record.get(plans) : "")));
			}
			return new Parsed(rows, warnings);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw ApiException.badRequest("The import body is not valid CSV: " + ex.getMessage());
		}
	}

	private static String column(Map<String, Integer> header, String name) {
		for (String column : header.keySet()) {
			if (column.trim().toLowerCase(Locale.ROOT).equals(name)) {
				return column;
			}
		}
		return null;
	}

	private static List<String> planIds(String cell) {
		String ids = cell.trim();
		if (ids.length() >= 2 && ids.startsWith("'") && ids.endsWith("'")) {
			ids = ids.substring(1, ids.length() - 1);
		}
		return Arrays.stream(ids.split(",")).map(String::trim).filter(id -> !id.isEmpty()).toList();
	}

}
