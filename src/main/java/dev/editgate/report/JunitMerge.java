package dev.editgate.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The shards' JUnit XML ({@code junit/TEST-editgate.xml}, what {@code ./editgate run} writes) as
 * one file for the merged run, in the order an unsharded run writes its tests.
 *
 * <p>Each {@code testcase} is placed by the scenario it belongs to, found from Surefire's names:
 * {@code classname} {@code suite/scenario after N edits} (a capability), {@code name} {@code
 * suite/scenario after N edits} (a checkpoint that failed), or {@code classname} {@code suite} and
 * {@code name} {@code scenario (method)} (a scenario that failed). Testcases keep their shard's
 * order within a scenario and come in the selection's scenario order, which is the order of an
 * unsharded run. A testcase of no scenario (a suite that failed as a whole, an invalid or skipped
 * suite file) is kept once, the first shard's, after its suite's scenarios, in the suites'
 * discovery order that {@code shard.json} records. Counts are recounted; {@code time} is the
 * shards' sum; {@code timestamp} the earliest.
 */
final class JunitMerge {
    private final List<Element> cases = new ArrayList<>();
    private final List<Path> missing = new ArrayList<>();
    private int files;
    private double seconds;
    private Instant earliest;

    private JunitMerge() {}

    /**
     * Reads every shard's file (a shard without one is named in {@link #missing}).
     *
     * @throws IllegalArgumentException naming the file, line and column when one is not JUnit XML
     */
    static JunitMerge read(List<RunDirectory> shards) {
        JunitMerge m = new JunitMerge();
        for (RunDirectory shard : shards) {
            Path file = shard.junit();
            if (!Files.isRegularFile(file)) {
                m.missing.add(file);
                continue;
            }
            m.files++;
            Element suite = parse(file).getDocumentElement();
            if (!suite.getTagName().equals("testsuite")) {
                throw new IllegalArgumentException(
                        file + ": root element <" + suite.getTagName() + ">, expected <testsuite>");
            }
            m.seconds += number(suite.getAttribute("time"));
            try {
                Instant t = Instant.parse(suite.getAttribute("timestamp"));
                m.earliest = m.earliest == null || t.isBefore(m.earliest) ? t : m.earliest;
            } catch (DateTimeParseException e) {
                // a file written by another tool: no timestamp to keep
            }
            NodeList list = suite.getElementsByTagName("testcase");
            for (int i = 0; i < list.getLength(); i++) {
                m.cases.add((Element) list.item(i));
            }
        }
        return m;
    }

    /** The shards' files that were not there (a shard run by {@code mvn test}, say). */
    List<Path> missing() {
        return List.copyOf(missing);
    }

    /** Whether any shard had a file. */
    boolean any() {
        return files > 0;
    }

    /**
     * Writes the merged file to {@code out}; {@code selection} is every selected scenario's {@code
     * suite/scenario} and {@code suites} every discovered suite's display name (invalid ones
     * included), both in discovery order. With {@code suites} empty (an older manifest), suites are
     * ordered by their first scenario and a testcase of none goes last.
     */
    void write(Path out, List<String> selection, List<String> suites) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> rank = new HashMap<>();
        for (String name : suites) {
            rank.putIfAbsent(name, rank.size());
        }
        for (String path : selection) {
            index.put(path, index.size());
            rank.putIfAbsent(path.substring(0, path.indexOf('/')), rank.size());
        }
        long slots = selection.size() + 1L; // a suite's scenarios, then its own testcases
        List<Element> kept = new ArrayList<>();
        List<Long> keys = new ArrayList<>();
        Set<String> suiteLevel = new HashSet<>();
        for (Element c : cases) {
            String cls = c.getAttribute("classname");
            String name = c.getAttribute("name");
            String path = scenario(index, cls);
            path = path != null ? path : scenario(index, name);
            path = path != null ? path : scenario(index, cls + "/" + name);
            long key;
            if (path != null) {
                key = rank.get(path.substring(0, path.indexOf('/'))) * slots + index.get(path);
            } else {
                if (!suiteLevel.add(cls + "\n" + name)) {
                    continue; // a suite's failure, reported by each shard that ran part of it
                }
                Integer r = rank.get(name);
                key = r == null ? Long.MAX_VALUE : r * slots + selection.size();
            }
            kept.add(c);
            keys.add(key);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong(keys::get)); // stable: a shard's order within a key

        Document doc = builder().newDocument();
        Element root = doc.createElement("testsuite");
        doc.appendChild(root);
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        for (int i : order) {
            Element c = (Element) doc.importNode(kept.get(i), true);
            failures += c.getElementsByTagName("failure").getLength() > 0 ? 1 : 0;
            errors += c.getElementsByTagName("error").getLength() > 0 ? 1 : 0;
            skipped += c.getElementsByTagName("skipped").getLength() > 0 ? 1 : 0;
            root.appendChild(c);
        }
        root.setAttribute("name", "editgate");
        root.setAttribute("tests", Integer.toString(order.size()));
        root.setAttribute("failures", Integer.toString(failures));
        root.setAttribute("errors", Integer.toString(errors));
        root.setAttribute("skipped", Integer.toString(skipped));
        root.setAttribute("time", String.format(Locale.ROOT, "%.3f", seconds));
        root.setAttribute("timestamp", (earliest == null ? Instant.now() : earliest).toString());
        try {
            Files.createDirectories(out.getParent());
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.transform(new DOMSource(doc), new StreamResult(out.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    /** The scenario {@code text} names: {@code suite/scenario} itself or it and a space first. */
    private static String scenario(Map<String, Integer> index, String text) {
        if (index.containsKey(text)) {
            return text;
        }
        int space = text.indexOf(' ');
        String head = space < 0 ? null : text.substring(0, space);
        return head != null && index.containsKey(head) ? head : null;
    }

    private static Document parse(Path file) {
        try {
            return builder().parse(file.toFile());
        } catch (SAXParseException e) {
            throw new IllegalArgumentException(
                    file
                            + ":"
                            + e.getLineNumber()
                            + ":"
                            + e.getColumnNumber()
                            + ": not JUnit XML: "
                            + e.getMessage(),
                    e);
        } catch (SAXException e) {
            throw new IllegalArgumentException(file + ": not JUnit XML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new DefaultHandler()); // throws on fatal errors, prints nothing
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double number(String s) {
        try {
            return s.isEmpty() ? 0 : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
