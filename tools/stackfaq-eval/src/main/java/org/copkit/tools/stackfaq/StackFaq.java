package org.copkit.tools.stackfaq;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A StackFAQ file (Karan and Šnajder): {@code <root>} with {@code <qapair>}s, each with
 * {@code <rephr>} rephrasings of the information need (a literal {@code *} is a placeholder and is
 * skipped), the original {@code <question>} title and the top {@code <answer>}s, best first.
 */
record StackFaq(List<Thread> threads) {
    /**
     * One thread.
     *
     * @param question the original question's title
     * @param answers the answers, best first (the file has no accepted flag or votes: the first is taken
     *     as the accepted one)
     * @param rephrasings human rephrasings; each is a new question whose one relevant answer is this thread
     */
    record Thread(String question, List<String> answers, List<String> rephrasings) {}

    /**
     * @param file the XML file
     * @return its threads, in file order
     * @throws IOException when it cannot be read or is not well-formed
     */
    static StackFaq read(Path file) throws IOException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<Thread> threads = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = f.createXMLStreamReader(in);
            String question = null;
            List<String> answers = new ArrayList<>();
            List<String> rephrasings = new ArrayList<>();
            while (r.hasNext()) {
                int e = r.next();
                if (e != XMLStreamConstants.START_ELEMENT) {
                    if (e == XMLStreamConstants.END_ELEMENT && r.getLocalName().equalsIgnoreCase("qapair")) {
                        if (question != null && !answers.isEmpty()) {
                            threads.add(new Thread(question, List.copyOf(answers), List.copyOf(rephrasings)));
                        }
                        question = null;
                        answers.clear();
                        rephrasings.clear();
                    }
                    continue;
                }
                String name = r.getLocalName().toLowerCase(java.util.Locale.ROOT);
                switch (name) {
                    case "question" -> question = clean(r.getElementText());
                    case "answer" -> {
                        String a = clean(r.getElementText());
                        if (!a.isEmpty()) {
                            answers.add(a);
                        }
                    }
                    case "rephr" -> {
                        String p = clean(r.getElementText());
                        if (!p.isEmpty() && !p.equals("*")) {
                            rephrasings.add(p);
                        }
                    }
                    default -> {
                        // root, qapair
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new StackFaq(List.copyOf(threads));
    }

    private static String clean(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }
}
