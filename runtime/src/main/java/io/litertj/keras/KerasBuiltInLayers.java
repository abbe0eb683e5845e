package io.litertj.keras;

import java.util.Set;

/**
 * The layer classes that ship with Keras 2 and 3 ({@code keras.layers}), whether or not this
 * converter supports them: Keras 2 files record no module, and an error about one of these must
 * say "built-in layer", never "custom layer".
 */
final class KerasBuiltInLayers {

  private KerasBuiltInLayers() {}

  static final Set<String> NAMES = Set.of(
      // core and merging
      "Dense", "EinsumDense", "Embedding", "Identity", "InputLayer", "Lambda", "Masking", "Wrapper",
      "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "Dot",
      // activations
      "Activation", "ReLU", "LeakyReLU", "PReLU", "ELU", "ThresholdedReLU", "Softmax",
      // convolutions and pooling
      "Conv1D", "Conv2D", "Conv3D", "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose",
      "SeparableConv1D", "SeparableConv2D", "DepthwiseConv1D", "DepthwiseConv2D", "ConvLSTM1D", "ConvLSTM2D",
      "ConvLSTM3D", "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D", "AveragePooling2D",
      "AveragePooling3D", "GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalMaxPooling3D",
      "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAveragePooling3D",
      // normalization and regularization
      "BatchNormalization", "LayerNormalization", "GroupNormalization", "UnitNormalization",
      "SpectralNormalization", "Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D",
      "GaussianDropout", "GaussianNoise", "AlphaDropout", "ActivityRegularization",
      // attention
      "Attention", "AdditiveAttention", "MultiHeadAttention", "GroupedQueryAttention",
      // reshaping
      "Reshape", "Flatten", "Permute", "RepeatVector", "Cropping1D", "Cropping2D", "Cropping3D",
      "UpSampling1D", "UpSampling2D", "UpSampling3D", "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D",
      // recurrent
      "RNN", "SimpleRNN", "GRU", "LSTM", "SimpleRNNCell", "GRUCell", "LSTMCell", "StackedRNNCells",
      "Bidirectional", "TimeDistributed",
      // preprocessing
      "Normalization", "Rescaling", "Resizing", "CenterCrop", "Discretization", "CategoryEncoding",
      "Hashing", "HashedCrossing", "StringLookup", "IntegerLookup", "TextVectorization", "RandomFlip",
      "RandomRotation", "RandomZoom", "RandomTranslation", "RandomContrast", "RandomBrightness",
      "RandomCrop", "AutoContrast", "MelSpectrogram", "STFTSpectrogram");
}
