package dev.editgate.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A {@link WeightStore} over NDArrays owned by one manager (the model's). */
public final class NdWeightStore implements WeightStore {
    private final NDManager manager;
    private final Map<String, NDArray> tensors = new TreeMap<>();
    private final List<Journal> journals = new ArrayList<>();

    public NdWeightStore(NDManager manager) {
        this.manager = manager;
    }

    /** Adds a tensor at load time; it becomes owned by this store's manager. */
    public void put(String name, NDArray tensor) {
        tensor.attach(manager);
        tensor.setName(name);
        tensors.put(name, tensor);
    }

    @Override
    public NDArray get(String name) {
        NDArray t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor '" + name + "'; " + nearNames(name));
        }
        return t;
    }

    private String nearNames(String name) {
        int dot = name.lastIndexOf('.', Math.max(0, name.length() - 8));
        String stem = dot > 0 ? name.substring(0, Math.min(dot, 20)) : name;
        List<String> near =
                tensors.keySet().stream()
                        .filter(n -> n.startsWith(stem))
                        .limit(8)
                        .collect(Collectors.toList());
        if (near.isEmpty()) {
            near = tensors.keySet().stream().limit(8).collect(Collectors.toList());
        }
        return "tensors include: "
                + String.join(", ", near)
                + (tensors.size() > near.size() ? ", ..." : "");
    }

    @Override
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    @Override
    public List<String> names() {
        return new ArrayList<>(tensors.keySet());
    }

    @Override
    public void set(String name, NDArray value) {
        NDArray target = get(name);
        if (!target.getShape().equals(value.getShape())) {
            throw new IllegalArgumentException(
                    "tensor '"
                            + name
                            + "' has shape "
                            + target.getShape()
                            + ", value has "
                            + value.getShape());
        }
        NDArray converted =
                value.toDevice(target.getDevice(), false).toType(target.getDataType(), false);
        for (Journal j : journals) {
            j.keep(name, target);
        }
        target.set(new NDIndex("..."), converted);
        if (converted != value) {
            converted.close();
        }
    }

    @Override
    public Snapshot snapshot(Collection<String> names) {
        NDManager sub = manager.newSubManager();
        Map<String, NDArray> copies = new LinkedHashMap<>();
        for (String n : names) {
            NDArray copy = get(n).duplicate();
            copy.attach(sub);
            copies.put(n, copy);
        }
        return new NdSnapshot(sub, copies);
    }

    @Override
    public Snapshot journal() {
        Journal j = new Journal(manager.newSubManager());
        journals.add(j);
        return j;
    }

    @Override
    public void restore(Snapshot snapshot) {
        for (String n : snapshot.names()) {
            get(n).set(new NDIndex("..."), snapshot.get(n));
        }
    }

    @Override
    public String contentHash() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            NDArray t = e.getValue();
            String head = e.getKey() + "|" + t.getShape() + "|" + t.getDataType() + "|";
            digest.update(head.getBytes(StandardCharsets.UTF_8));
            digest.update(bytesOf(t));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static ByteBuffer bytesOf(NDArray t) {
        if (t.getDataType() == DataType.BFLOAT16) {
            try (NDArray f = t.toType(DataType.FLOAT32, true)) {
                return f.toByteBuffer();
            }
        }
        return t.toByteBuffer();
    }

    private record NdSnapshot(NDManager manager, Map<String, NDArray> copies) implements Snapshot {
        @Override
        public Collection<String> names() {
            return copies.keySet();
        }

        @Override
        public NDArray get(String name) {
            NDArray a = copies.get(name);
            if (a == null) {
                throw new IllegalArgumentException("snapshot has no tensor '" + name + "'");
            }
            return a;
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    /** Originals of the tensors {@link #set} changed since {@link #journal} was called. */
    private final class Journal implements Snapshot {
        private final NDManager copies;
        private final Map<String, NDArray> originals = new LinkedHashMap<>();

        Journal(NDManager copies) {
            this.copies = copies;
        }

        void keep(String name, NDArray current) {
            if (!originals.containsKey(name)) {
                NDArray copy = current.duplicate();
                copy.attach(copies);
                originals.put(name, copy);
            }
        }

        @Override
        public Collection<String> names() {
            return List.copyOf(originals.keySet());
        }

        @Override
        public NDArray get(String name) {
            NDArray a = originals.get(name);
            if (a == null) {
                throw new IllegalArgumentException(
                        "tensor '" + name + "' has not changed since the journal began");
            }
            return a;
        }

        @Override
        public void close() {
            journals.remove(this);
            copies.close();
        }
    }
}
