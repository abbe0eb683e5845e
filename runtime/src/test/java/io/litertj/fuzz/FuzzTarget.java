package io.litertj.fuzz;

import io.litertj.LiteRtConverter;
import io.litertj.dataset.NpzDataset;
import io.litertj.quantize.QuantizationMode;
import io.litertj.quantize.QuantizationOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.proto.SavedModel;

/**
 * One input format the fuzzer damages: where its seed comes from, how a case damages it (case 0 is
 * the pristine seed, which must convert), and which API call reads it. Cases are deterministic:
 * the damage depends only on the target and the case id.
 */
enum FuzzTarget {

  SAVED_MODEL_PB {
    @Override
    Path prepare(Seeds s, Path dir, SplittableRandom r, int id) throws IOException {
      Path model = dir.resolve("model");
      s.copyTree(Seeds.SAVED_MODEL, model);
      if (id > 0) {
        byte[] pb = s.bytes(Seeds.SAVED_MODEL + "/saved_model.pb");
        Files.write(model.resolve("saved_model.pb"), r.nextInt(4) == 0 ? ByteMutations.mutate(pb, r)
            : ProtoMutator.mutate(SavedModel.parseFrom(pb), r).toByteArray());
      }
      return model;
    }

    @Override
    void run(Seeds s, Path input, Path output, int id) {
      LiteRtConverter.fromSavedModel(input).signatureKeys(Seeds.SAVED_MODEL_KEYS).convertTo(output);
    }
  },

  VARIABLES_INDEX {
    @Override
    Path prepare(Seeds s, Path dir, SplittableRandom r, int id) throws IOException {
      return damagedSavedModelFile(s, dir, r, id, "variables/variables.index");
    }

    @Override
    void run(Seeds s, Path input, Path output, int id) {
      LiteRtConverter.fromSavedModel(input).signatureKeys(Seeds.SAVED_MODEL_KEYS).convertTo(output);
    }
  },

  DATA_SHARD {
    @Override
    Path prepare(Seeds s, Path dir, SplittableRandom r, int id) throws IOException {
      return damagedSavedModelFile(s, dir, r, id, "variables/variables.data-00000-of-00001");
    }

    @Override
    void run(Seeds s, Path input, Path output, int id) {
      LiteRtConverter.fromSavedModel(input).signatureKeys(Seeds.SAVED_MODEL_KEYS).convertTo(output);
    }
  },

  LEGACY_H5 {
    @Override
    Path prepare(Seeds s, Path dir, SplittableRandom r, int id) throws IOException {
      String seed = Seeds.LEGACY_H5[id % Seeds.LEGACY_H5.length];
      byte[] h5 = s.bytes(seed);
      Path file = dir.resolve(Path.of(seed).getFileName().toString());
      if (id >= Seeds.LEGACY_H5.length) {
        h5 = switch (r.nextInt(3)) {
          case 0 -> ByteMutations.mutate(h5, r, 0, Math.min(h5.length, 8192)); // superblock, root headers
          case 1 -> configText(h5, r);
          default -> ByteMutations.mutate(h5, r);
        };
      }
      Files.write(file, h5);
      return file;
    }

    @Override
    void run(Seeds s, Path input, Path output, int id) {
      LiteRtConverter.fromKeras(input).convertTo(output);
    }
  },

  KERAS_ZIP {
    @Override
    Path prepare(Seeds s, Path dir, SplittableRandom r, int id) throws IOException {
      Path file = dir.resolve("model.keras");
      String seedName = Seeds.KERAS[id % Seeds.KERAS.length];
      byte[] seed = s.bytes(seedName);
      if (id < Seeds.KERAS.length) {
        Files.write(file, seed);
      } else if (r.nextBoolean()) {
        Files.write(file, ByteMutations.mutate(seed, r));
      } else {
        List<RawZip.Entry> entries = new ArrayList<>(RawZip.read(s.path(seedName)));
        int i = r.nextInt(entries.size());
        switch (r.nextInt(5)) {
          case 0 -> entries.remove(i);
          case 1 -> entries.set(i, entries.get(i).withName(new String[] {"config.json", "model.weights.h5",
              "metadata.json", "x", "config.json/"}[r.nextInt(5)].getBytes(StandardCharsets.UTF_8)));
          case 2 -> entries.add(entries.get(i));
          case 3 -> entries.set(i, entries.get(i).withDeclaredSize(new long[] {0, 1, 0xFFFFFFFFL}[r.nextInt(3)]));
          default -> entries.set(i, RawZip.Entry.bomb(entries.get(i).nameText(), NpzMutator.bomb(),
              r.nextBoolean() ? NpzMutator.BOMB_BYTES : 1000));
        }
        Files.write(file, RawZip.write(entries));
      }
      return file;
    }

    @Override
    void run(Seeds s, Path input, Path output, int id) {
      LiteRtConverter.fromKeras(input).convertTo(output);
    }
  },

  KERAS_CONFIG {
    @Override
    Path prepare(Seeds s, Path dir, SplittableRandom r, int id) throws IOException {
      return damagedKerasEntry(s, dir, id, "config.json", b -> JsonMutator.mutate(b, r));
    }

    @Override
    void run(Seeds s, Path input, Path output, int id) {
      LiteRtConverter.fromKeras(input).convertTo(output);
    }
  },

  KERAS_WEIGHTS {
    @Override
    Path prepare(Seeds s, Path dir, SplittableRandom r, int id) throws IOException {
      return damagedKerasEntry(s, dir, id, "model.weights.h5", b -> r.nextBoolean()
          ? ByteMutations.mutate(b, r, 0, Math.min(b.length, 4096)) : ByteMutations.mutate(b, r));
    }

    @Override
    void run(Seeds s, Path input, Path output, int id) {
      LiteRtConverter.fromKeras(input).convertTo(output);
    }
  },

  TFLITE_DYNAMIC_RANGE {
    @Override
    Path prepare(Seeds s, Path dir, SplittableRandom r, int id) throws IOException {
      return damagedTflite(s, dir, r, id, Seeds.TFLITE_DYNAMIC);
    }

    /** Each of the three modes that read a dynamic-range file, in turn. */
    @Override
    void run(Seeds s, Path input, Path output, int id) {
      QuantizationMode mode = new QuantizationMode[] {QuantizationMode.INT8, QuantizationMode.DYNAMIC_RANGE,
          QuantizationMode.FLOAT16}[id % 3];
      LiteRtConverter.Builder b = LiteRtConverter.fromTflite(input).quantize(QuantizationOptions.of(mode));
      if (mode == QuantizationMode.INT8) {
        b.representativeDataset(s.calibration());
      }
      b.convertTo(output);
    }
  },

  TFLITE_INT8_CALIBRATION {
    @Override
    Path prepare(Seeds s, Path dir, SplittableRandom r, int id) throws IOException {
      return damagedTflite(s, dir, r, id, Seeds.TFLITE_FLOAT);
    }

    @Override
    void run(Seeds s, Path input, Path output, int id) {
      LiteRtConverter.fromTflite(input).quantize(QuantizationOptions.of(QuantizationMode.INT8))
          .representativeDataset(s.calibration()).convertTo(output);
    }
  },

  /** LSTM, sine and int8 KWS files: rewritten as they are, or quantized without a dataset. */
  TFLITE_OTHERS {
    @Override
    Path prepare(Seeds s, Path dir, SplittableRandom r, int id) throws IOException {
      Path file = dir.resolve("model.tflite");
      byte[] bytes = s.bytes(Seeds.TFLITE_OTHERS[id % Seeds.TFLITE_OTHERS.length]);
      Files.write(file, id < Seeds.TFLITE_OTHERS.length ? bytes : TfliteMutator.mutate(bytes, r));
      return file;
    }

    @Override
    void run(Seeds s, Path input, Path output, int id) {
      LiteRtConverter.Builder b = LiteRtConverter.fromTflite(input);
      int mode = (id / Seeds.TFLITE_OTHERS.length) % 3;
      if (mode > 0 && id % Seeds.TFLITE_OTHERS.length != 2) { // the int8 model is rewritten only
        b.quantize(QuantizationOptions.of(mode == 1 ? QuantizationMode.DYNAMIC_RANGE : QuantizationMode.FLOAT16));
      }
      b.convertTo(output);
    }
  },

  NPZ {
    @Override
    Path prepare(Seeds s, Path dir, SplittableRandom r, int id) throws IOException {
      Path file = dir.resolve("calibration.npz");
      Files.write(file, id == 0 ? s.bytes(Seeds.NPZ) : NpzMutator.mutate(RawZip.read(s.path(Seeds.NPZ)), r));
      return file;
    }

    @Override
    void run(Seeds s, Path input, Path output, int id) {
      NpzDataset dataset = NpzDataset.read(input);
      LiteRtConverter.fromTflite(s.path(Seeds.TFLITE_FLOAT)).quantize(QuantizationOptions.of(QuantizationMode.INT8))
          .representativeDataset(Seeds.forTflite(dataset.limit(Seeds.SAMPLES))).convertTo(output);
    }
  };

  /** Cases {@code 0..pristine()-1} are the seeds as they are: each must convert. */
  int pristine() {
    return switch (this) {
      case LEGACY_H5 -> Seeds.LEGACY_H5.length;
      case KERAS_ZIP, KERAS_CONFIG, KERAS_WEIGHTS -> Seeds.KERAS.length;
      case TFLITE_OTHERS -> Seeds.TFLITE_OTHERS.length;
      default -> 1;
    };
  }

  /** Writes case {@code id}'s damaged input under {@code dir}; returns what to convert. */
  abstract Path prepare(Seeds s, Path dir, SplittableRandom r, int id) throws IOException;

  /** Converts the input as a user would, through the public API. */
  abstract void run(Seeds s, Path input, Path output, int id);

  /** The random source of one case: the same for the same target and id, on every machine. */
  SplittableRandom random(int id) {
    return new SplittableRandom(((long) ordinal() << 32) ^ (id * 0x9E3779B97F4A7C15L));
  }

  private static Path damagedSavedModelFile(Seeds s, Path dir, SplittableRandom r, int id, String file)
      throws IOException {
    Path model = dir.resolve("model");
    s.copyTree(Seeds.SAVED_MODEL, model);
    if (id > 0) {
      Files.write(model.resolve(file), ByteMutations.mutate(s.bytes(Seeds.SAVED_MODEL + "/" + file), r));
    }
    return model;
  }

  private static Path damagedKerasEntry(Seeds s, Path dir, int id, String name,
      java.util.function.UnaryOperator<byte[]> damage) throws IOException {
    Path file = dir.resolve("model.keras");
    String seed = Seeds.KERAS[id % Seeds.KERAS.length];
    if (id < Seeds.KERAS.length) {
      Files.write(file, s.bytes(seed));
      return file;
    }
    List<RawZip.Entry> entries = new ArrayList<>(RawZip.read(s.path(seed)));
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).nameText().equals(name)) {
        entries.set(i, entries.get(i).withData(damage.apply(entries.get(i).data())));
      }
    }
    Files.write(file, RawZip.write(entries));
    return file;
  }

  private static Path damagedTflite(Seeds s, Path dir, SplittableRandom r, int id, String seed) throws IOException {
    Path file = dir.resolve("model.tflite");
    byte[] bytes = s.bytes(seed);
    Files.write(file, id == 0 ? bytes : TfliteMutator.mutate(bytes, r));
    return file;
  }

  /** Same-length edits inside the model_config JSON text of a legacy .h5 (digits, quotes, letters). */
  private static byte[] configText(byte[] h5, SplittableRandom r) {
    byte[] key = "{\"class_name\"".getBytes(StandardCharsets.US_ASCII);
    int start = indexOf(h5, key);
    if (start < 0) {
      return ByteMutations.mutate(h5, r);
    }
    int end = start;
    while (end < h5.length && h5[end] != 0) {
      end++;
    }
    byte[] out = h5.clone();
    for (int n = 1 + r.nextInt(3); n > 0; n--) {
      int at = start + r.nextInt(end - start);
      byte b = out[at];
      out[at] = (byte) (Character.isDigit(b) ? '0' + r.nextInt(10) : new char[] {'"', '9', 'x', ' ', ',', '[', '-'}
          [r.nextInt(7)]);
    }
    return out;
  }

  private static int indexOf(byte[] data, byte[] key) {
    outer:
    for (int i = 0; i + key.length <= data.length; i++) {
      for (int j = 0; j < key.length; j++) {
        if (data[i + j] != key[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
