// natural's index loads every module it has (about a second, and a dotenv banner on stdout);
// the second opinion needs only its Bayes classifier, required from its own file.
declare module 'natural/lib/natural/classifiers/bayes_classifier' {
  import { BayesClassifier } from 'natural/lib/natural/classifiers';
  export default BayesClassifier;
}
