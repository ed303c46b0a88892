"""The built-in skills vocabulary: one line per skill, `Canonical | alias | alias ...`.

The canonical name is also an alias, unless the line starts with "~" (names like "Go" or
"Excel" that are ordinary words; only the listed aliases count for them). Aliases are matched
as whole words after the text normalization in skills.py (lowercase; "c++" -> cplusplus,
"c#" -> csharp, ".net" -> dotnet; other punctuation splits words), so "node.js" is the phrase
"node js" and "ci/cd" is "ci cd".
"""

VOCABULARY = """
Python | python3 | python 3 | py
Java | java 8 | java 11 | java 17 | java 21 | core java
JavaScript | js | javascript | es6 | es2015 | ecmascript | vanilla js
TypeScript | ts | typescript
~Go | golang | go lang | go developer | go engineer | go programming | go language | written in go
Rust | rust | rustlang
~C | c programming | c language | ansi c | embedded c | c99 | c11
C++ | c++ | cpp | cplusplus | c++11 | c++14 | c++17 | c++20
C# | c# | csharp | c sharp
.NET | .net | dotnet | .net core | asp.net | asp.net core | net core
Ruby | ruby
Ruby on Rails | rails | ruby on rails | ror
PHP | php | php8
Laravel | laravel
Symfony | symfony
Kotlin | kotlin
Swift | swift | swiftui
Objective-C | objective-c | objective c | objc
Scala | scala
Elixir | elixir
Erlang | erlang
Haskell | haskell
Clojure | clojure
F# | f# | fsharp
~R | r programming | r language | rstudio | tidyverse | ggplot2
MATLAB | matlab
~Julia | julia lang | julialang
Perl | perl
Lua | lua
Dart | dart
Flutter | flutter
Bash | bash | shell scripting | shell script | zsh
PowerShell | powershell
SQL | sql | t-sql | tsql | pl/sql | plsql
Groovy | groovy
COBOL | cobol
Fortran | fortran
~Assembly | assembly language | x86 assembly | arm assembly
Solidity | solidity
VBA | vba | excel vba
HTML | html | html5
CSS | css | css3
Sass | sass | scss
Tailwind CSS | tailwind | tailwindcss | tailwind css
Bootstrap | bootstrap
React | react | reactjs | react.js | react js
React Native | react native
Next.js | next.js | nextjs | next js
Vue.js | vue | vuejs | vue.js | vue js | vue3
Nuxt | nuxt | nuxtjs | nuxt.js
Angular | angular | angularjs | angular.js
Svelte | svelte | sveltekit
jQuery | jquery
Redux | redux
GraphQL | graphql
REST APIs | restful | rest api | rest apis | restful api | restful apis
gRPC | grpc
WebSockets | websocket | websockets
Node.js | node | nodejs | node.js | node js
Express.js | express.js | expressjs | express js
NestJS | nestjs | nest.js
Deno | deno
Webpack | webpack
Vite | vite
Django | django | django rest framework | drf
Flask | flask
FastAPI | fastapi
Celery | celery
Spring | spring | spring boot | springboot | spring framework
Hibernate | hibernate
Maven | maven
Gradle | gradle
Android | android | android sdk
iOS | ios | ios development
Xcode | xcode
~Unity | unity3d | unity engine | unity game
Unreal Engine | unreal | unreal engine
Qt | qt | qml
Electron | electron
PostgreSQL | postgres | postgresql | psql | pg
MySQL | mysql
MariaDB | mariadb
SQLite | sqlite
Oracle Database | oracle db | oracle database | oracle sql
Microsoft SQL Server | sql server | mssql | ms sql
MongoDB | mongo | mongodb
Redis | redis
Cassandra | cassandra
DynamoDB | dynamodb
Elasticsearch | elasticsearch | elastic search | elk | opensearch
Snowflake | snowflake
BigQuery | bigquery | big query
Redshift | redshift
ClickHouse | clickhouse
Neo4j | neo4j
Firebase | firebase
Supabase | supabase
Kafka | kafka | apache kafka
RabbitMQ | rabbitmq
Apache Spark | spark | apache spark | pyspark
Hadoop | hadoop | hdfs
Airflow | airflow | apache airflow
dbt | dbt
Databricks | databricks
Flink | flink | apache flink
Pandas | pandas
NumPy | numpy
SciPy | scipy
scikit-learn | scikit-learn | sklearn | scikit learn
TensorFlow | tensorflow | tf2
PyTorch | pytorch | torch
Keras | keras
JAX | jax
Hugging Face | hugging face | huggingface | transformers library
LangChain | langchain
LLMs | llm | llms | large language models | large language model | generative ai | genai
Machine Learning | machine learning | ml
Deep Learning | deep learning
NLP | nlp | natural language processing
Computer Vision | computer vision | opencv
Data Science | data science
Data Engineering | data engineering | data pipelines | etl | elt
Data Analysis | data analysis | data analytics
Statistics | statistics | statistical analysis | statistical modeling
A/B Testing | a/b testing | ab testing | experimentation
MLOps | mlops
Jupyter | jupyter | jupyter notebooks
Tableau | tableau
Power BI | power bi | powerbi
Looker | looker | lookml
~Excel | microsoft excel | ms excel | advanced excel | excel skills | spreadsheets
Google Analytics | google analytics | ga4
AWS | aws | amazon web services
EC2 | ec2
S3 | s3 | amazon s3
AWS Lambda | lambda | aws lambda
Azure | azure | microsoft azure
Google Cloud | gcp | google cloud | google cloud platform
Docker | docker | containers | containerization
Kubernetes | k8s | kubernetes | kube | eks | gke | aks
Helm | helm
Terraform | terraform | opentofu
Pulumi | pulumi
Ansible | ansible
~Chef | chef infra
Puppet | puppet
CloudFormation | cloudformation
Serverless | serverless
Linux | linux | unix | ubuntu | debian | rhel | centos
Nginx | nginx
Apache HTTP Server | apache httpd | apache http server
CI/CD | ci/cd | ci cd | cicd | continuous integration | continuous delivery | continuous deployment
Jenkins | jenkins
GitHub Actions | github actions
GitLab CI | gitlab ci | gitlab
CircleCI | circleci
Argo CD | argocd | argo cd
Git | git | github | bitbucket
Prometheus | prometheus
Grafana | grafana
Datadog | datadog
Splunk | splunk
OpenTelemetry | opentelemetry | otel
Observability | observability | monitoring
SRE | sre | site reliability | site reliability engineering
DevOps | devops | devsecops
Microservices | microservices | microservice | micro services
Distributed Systems | distributed systems
System Design | system design | software architecture
Event-Driven Architecture | event-driven | event driven | event sourcing | cqrs
Domain-Driven Design | ddd | domain-driven design | domain driven design
Design Patterns | design patterns
Object-Oriented Programming | oop | object-oriented | object oriented
Functional Programming | functional programming
Test-Driven Development | tdd | test-driven development | test driven development
Unit Testing | unit testing | unit tests
Pytest | pytest
JUnit | junit
Jest | jest
Cypress | cypress
Playwright | playwright
Selenium | selenium
QA | qa | quality assurance | test automation
Security | security | cybersecurity | cyber security | infosec | application security | appsec
OWASP | owasp
Penetration Testing | penetration testing | pentesting | pen testing | ethical hacking
SIEM | siem
IAM | iam | identity and access management
OAuth | oauth | oauth2 | openid connect | oidc | saml | sso
Cryptography | cryptography | encryption
Networking | networking | tcp/ip | tcp ip | dns | bgp
Embedded Systems | embedded | embedded systems | firmware | rtos
FPGA | fpga | verilog | vhdl
IoT | iot | internet of things
Robotics | robotics | ros
Blockchain | blockchain | web3 | ethereum | smart contracts
Performance Optimization | performance tuning | performance optimization | profiling
Caching | caching | memcached | cdn
Message Queues | message queues | message queue | message broker | pub/sub | sqs | sns
API Design | api design | openapi | swagger
Accessibility | accessibility | a11y | wcag
SEO | seo | search engine optimization
UX Design | ux | user experience | ux design
UI Design | ui design | user interface design | visual design
Figma | figma
~Sketch | sketch app
Adobe Photoshop | photoshop
Adobe Illustrator | illustrator
Adobe XD | adobe xd
InDesign | indesign
Product Design | product design
Interaction Design | interaction design
Wireframing | wireframing | wireframes | prototyping
User Research | user research | usability testing
Design Systems | design system | design systems
Product Management | product management | product manager | product owner
Project Management | project management | project manager | pmp | prince2
Program Management | program management | programme management
Agile | agile | agile methodologies
Scrum | scrum | scrum master
Kanban | kanban
~Lean | lean management | six sigma | lean six sigma
Jira | jira
Confluence | confluence
Notion | notion
Roadmapping | roadmap | roadmaps | roadmapping | product roadmap
Stakeholder Management | stakeholder management | stakeholders
OKRs | okr | okrs
Requirements Analysis | requirements gathering | requirements analysis | requirements engineering
Business Analysis | business analysis | business analyst
Technical Writing | technical writing | documentation
Copywriting | copywriting
Content Marketing | content marketing | content strategy
Digital Marketing | digital marketing | online marketing | performance marketing
Social Media | social media | social media marketing
Email Marketing | email marketing
Marketing Automation | marketing automation | hubspot | marketo
Salesforce | salesforce | sfdc
CRM | crm
Sales | sales | selling | b2b sales | inside sales
Account Management | account management | account manager | key account management
Business Development | business development | bizdev
Lead Generation | lead generation | prospecting
Negotiation | negotiation | negotiating
Customer Success | customer success
Customer Support | customer support | customer service | helpdesk | zendesk
Communication | communication skills | communication | written communication
Presentation Skills | presentation skills | public speaking
Leadership | leadership | team leadership
People Management | people management | line management | team management | managing teams
Mentoring | mentoring | mentorship | coaching
~Hiring | recruiting | recruitment | talent acquisition
HR | human resources | hr | people operations
Payroll | payroll
Finance | finance | financial analysis | financial modeling | financial modelling
Accounting | accounting | bookkeeping | gaap | ifrs
Budgeting | budgeting | forecasting
Auditing | audit | auditing
Tax | tax | taxation
Legal | legal | contract law
Compliance | compliance | regulatory compliance | gdpr | sox | hipaa | iso 27001
Risk Management | risk management
Procurement | procurement | purchasing | sourcing
Supply Chain | supply chain | logistics | inventory management
~Operations | operations management | business operations
Strategy | strategy | strategic planning | business strategy
Consulting | consulting | management consulting
Analytics | analytics
Research | research
Teaching | teaching | corporate training | instructional design
Translation | translation | localization | l10n | i18n
Healthcare | healthcare | clinical
Nursing | nursing | registered nurse
Customer Experience | customer experience | cx
E-commerce | e-commerce | ecommerce | shopify | magento
Fintech | fintech | payments
SaaS | saas
B2B | b2b
English | english | fluent english
German | german | deutsch
French | french
Spanish | spanish
Dutch | dutch
Italian | italian
Portuguese | portuguese
Mandarin | mandarin | chinese
Japanese | japanese
SAP | sap | sap erp | s/4hana | abap
ERP | erp
Power Automate | power automate
Microsoft Office | microsoft office | ms office | office 365 | microsoft 365
Google Workspace | google workspace | g suite
Zapier | zapier
Webflow | webflow
WordPress | wordpress
Drupal | drupal
Contentful | contentful
Stripe | stripe
Twilio | twilio
OpenAI API | openai api | openai
RAG | rag | retrieval augmented generation | retrieval-augmented generation
Vector Databases | vector database | vector databases | pinecone | weaviate | pgvector | qdrant
Prompt Engineering | prompt engineering
Recommender Systems | recommender systems | recommendation systems | recommendation engine
Time Series | time series | forecasting models
Reinforcement Learning | reinforcement learning
MLflow | mlflow
Kubeflow | kubeflow
SageMaker | sagemaker
Vertex AI | vertex ai
CUDA | cuda | gpu programming
OpenGL | opengl | vulkan | directx
WebAssembly | webassembly | wasm
Three.js | three.js | threejs
D3.js | d3 | d3.js | d3js
Storybook | storybook
Web Performance | web performance | core web vitals | lighthouse
Mobile Development | mobile development | mobile apps | mobile app development
Cross-Platform | cross-platform | cross platform
Game Development | game development | gamedev | game design
Virtualization | virtualization | vmware | hyper-v | kvm
Windows Server | windows server | active directory
Mac Administration | macos administration | jamf
IT Support | it support | desktop support | technical support
Service Management | itil | itsm | servicenow
Data Warehousing | data warehouse | data warehousing | data lake | lakehouse
Data Modeling | data modeling | data modelling | dimensional modeling
Data Governance | data governance | data quality
Big Data | big data
~Streaming | stream processing | real-time data | event streaming
~Search | search engines | information retrieval | solr | lucene
Geospatial | gis | geospatial | postgis
Bioinformatics | bioinformatics | genomics
Quantitative Analysis | quantitative analysis | quant | quantitative finance
Economics | economics | econometrics
Mathematics | mathematics | linear algebra | calculus
Physics | physics
Chemistry | chemistry
Mechanical Engineering | mechanical engineering | cad | solidworks | autocad
Electrical Engineering | electrical engineering | pcb design | circuit design
Civil Engineering | civil engineering
Open Source | open source | open-source
Code Review | code review | code reviews
Pair Programming | pair programming
On-Call | on-call | on call | incident response | incident management
Technical Leadership | technical leadership | tech lead | tech leadership
Architecture | architecture | solution architecture | enterprise architecture
Cloud Architecture | cloud architecture | cloud native | cloud-native
Cost Optimization | cost optimization | finops
Backend Development | backend | back-end | back end | server-side
Frontend Development | frontend | front-end | front end | client-side
Full-Stack Development | full-stack | full stack | fullstack
Scripting | scripting | automation scripts
Automation | automation | process automation | rpa
Web Scraping | web scraping | scraping | crawling
ETL Tools | informatica | talend | fivetran | airbyte
Event Tracking | segment.io | amplitude | mixpanel
Excel Modeling | excel modeling | excel modelling | pivot tables | vlookup
Video Editing | video editing | premiere pro | final cut | after effects
Photography | photography
Illustration | illustration
Animation | animation | motion design | motion graphics
3D Modeling | 3d modeling | 3d modelling | blender | maya | cinema 4d
Event Planning | event planning | event management
Public Relations | public relations | media relations
Community Management | community management | community building
Partnerships | partnerships | partner management | alliances
Pricing | pricing | pricing strategy
Market Research | market research | competitive analysis
~Growth | growth hacking | growth marketing
Paid Advertising | ppc | sem | google ads | facebook ads | paid social | paid search
Brand Management | brand management | branding | brand strategy
Product Marketing | product marketing | go-to-market | go to market | gtm
"""
