export { isXmlMediaType, type XmlMediaOptions, xmlCodec } from './engine/xml.js';
